using System.CommandLine;
using GradingKit.Cli;

var implementation = new Option<string>("--implementation", "-i")
{
    Description = "What to grade: starter (the default), reference, or the path of a .csproj (or of a folder holding one) that defines the eleven classes of GradingKit.Exercises.",
    DefaultValueFactory = _ => "starter",
};
var exercises = new Option<string[]>("--exercise", "-e")
{
    Description = "Grade only this exercise (E01 .. E13); repeat it for several. All exercises when left out.",
};
var json = new Option<FileInfo?>("--json") { Description = "Also write the kit's own results as JSON: every check, its verdict, message, measurements and points." };
var classroom = new Option<FileInfo?>("--classroom") { Description = "Also write GitHub Classroom's grader result (version, status, max_score, tests)." };
var gradescope = new Option<FileInfo?>("--gradescope") { Description = "Also write Gradescope's results.json (score, execution_time, tests)." };
var junit = new Option<FileInfo?>("--junit") { Description = "Also write JUnit XML, a test suite per exercise." };
var html = new Option<FileInfo?>("--html") { Description = "Also write one self-contained HTML page: the score table, every check's message, and a timeline (SVG) of every timing check's run beside the ideal." };
var classroom50 = new Option<FileInfo?>("--classroom50")
{
    Description = "Also write Classroom 50's result.json (classroom50/result/v1) and release-body.md beside it; the identity comes from "
        + "CLASSROOM, ASSIGNMENT, SUBMISSION_TAG, OWNER or USERNAME, ASSIGNMENT_TYPE, COMMIT_URL, RELEASE_URL and REVIEW_URL, as Classroom 50's runner sets them.",
};
var earnedChecks = new Option<FileInfo?>("--earned-checks")
{
    Description = "Also write the checks that earned their points, one \"E04 Check_name\" a line: the classroom-resources workflow's steps look their check up there.",
};
var seed = new Option<int?>("--seed") { Description = "Replay the checks' data with this seed (each check prints its own)." };
var timingScale = new Option<double?>("--timing-scale") { Description = "Multiply the timing checks' slack and overheads, for a slow machine (at least 1)." };
var exerciseLimit = new Option<int>("--exercise-limit")
{
    Description = "Seconds one exercise may run before the grading host is ended and the exercise loses its points as a hang.",
    DefaultValueFactory = _ => (int)Thresholds.GradeCommand.ExerciseLimit.TotalSeconds,
};
var manifest = new Option<FileInfo?>("--manifest") { Description = "The assignments.json to score with (default: the kit's own)." };

var grade = new Command(
    "grade",
    "Build the grader against an implementation, grade it in a supervised grading host, and print the score table. "
    + "A crash or a hang of student code costs only its own exercise. "
    + "Exit code 0 when the grading ran, whatever the score (a submission that does not build is graded as an error); "
    + "2 when it could not run (a bad option, a missing project, a malformed assignments.json); 1 on an unexpected failure of the kit.")
{
    implementation, exercises, json, classroom, gradescope, junit, html, classroom50, earnedChecks, seed, timingScale, exerciseLimit, manifest,
};
grade.SetAction(result => GradeCommand.Run(new GradeOptions(
    result.GetValue(implementation)!,
    result.GetValue(exercises) ?? [],
    result.GetValue(json),
    result.GetValue(classroom),
    result.GetValue(gradescope),
    result.GetValue(junit),
    result.GetValue(seed),
    result.GetValue(timingScale),
    TimeSpan.FromSeconds(result.GetValue(exerciseLimit)),
    result.GetValue(manifest))
{
    Html = result.GetValue(html),
    Classroom50 = result.GetValue(classroom50),
    EarnedChecks = result.GetValue(earnedChecks),
}));

var gradeAll = GradeAllCommand.Create(exercises, seed, timingScale, exerciseLimit, manifest);

return new RootCommand("GradingKit: grades parallel programming exercises in C#.") { grade, gradeAll, MergeCommand.Create(), DistributionCommands.Export(), DistributionCommands.Workflow(), DistributionCommands.Gradescope(), DistributionCommands.Classroom50(), NumbersCommand.Create() }.Parse(args).Invoke();
