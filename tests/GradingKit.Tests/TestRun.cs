namespace GradingKit.Tests;

/// <summary>
/// The whole kit test run: its many nested builds (the kit's submissions, the grader, the grade
/// command's build of each attack, fault and export) compile in the C# compiler's server, the SDK's
/// default, which an environment may turn off (<c>UseSharedCompilation=false</c>, as on the kit's
/// development machine): one grade command's build then takes about 3.5 s instead of 7.4 to 9.7 s.
/// The server is stopped when the run ends, as grade-all stops its own, and the run's scratch folders
/// are deleted, so that nothing of the run outlives it.
/// </summary>
[SetUpFixture]
public sealed class TestRun
{
    [OneTimeSetUp]
    public void Compile_in_the_compilers_server() => Environment.SetEnvironmentVariable("UseSharedCompilation", "true");

    [OneTimeTearDown]
    public void Stop_the_compilers_server_and_delete_the_scratch_folders()
    {
        GradingKit.Cli.GraderBuild.StopTheBuildServers();
        Kit.DeleteScratchFolders();
    }
}
