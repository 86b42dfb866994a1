using System.CommandLine;
using GradingKit.Cli;

var implementation = new Option<string>("--implementation", "-i")
{
    Description = "What to grade: starter (the default), reference, or the path of a .csproj (or of a folder holding one) that defines the eleven classes of GradingKit.Exercises.",
    DefaultValueFactory = _ => "starter",
};
var settings = new GradingSettingOptions();
var reports = new ReportFileOptions();

var grade = new Command(
    "grade",
    "Build the grader against an implementation, grade it in a supervised grading host, and print the score table. "
    + "A crash or a hang of student code costs only its own exercise. "
    + "Exit code 0 when the grading ran, whatever the score (a submission that does not build is graded as an error); "
    + "2 when it could not run (a bad option, a missing project, a malformed assignments.json); 1 on an unexpected failure of the kit.")
{
    implementation,
};
settings.AddTo(grade);
reports.AddTo(grade);
grade.SetAction(result => GradeCommand.Run(new GradeOptions(result.GetValue(implementation)!, settings.Read(result), reports.Read(result))));

var gradeAll = GradeAllCommand.Create(settings);

return new RootCommand("GradingKit: grades parallel programming exercises in C#.") { grade, gradeAll, MergeCommand.Create(), DistributionCommands.Export(), DistributionCommands.Workflow(), DistributionCommands.Gradescope(), DistributionCommands.Classroom50(), NumbersCommand.Create() }.Parse(args).Invoke();
