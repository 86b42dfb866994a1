namespace GradingKit.Grader;

/// <summary>
/// The grader's entry point, for the checks that must run student code in another process
/// (for example under another DOTNET_PROCESSOR_COUNT). Test runners do not use it.
/// </summary>
public static class Program
{
    /// <summary>Answers one command on standard output.</summary>
    /// <param name="args">The command: "processor-count".</param>
    /// <returns>0 on success, 1 when the student code threw, 2 for an unknown command.</returns>
    public static int Main(string[] args)
    {
        try
        {
            switch (args)
            {
                case ["processor-count"]:
                    Console.WriteLine(new CpuCounter().ProcessorCount());
                    return 0;
                default:
                    Console.Error.WriteLine("usage: GradingKit.Grader processor-count");
                    return 2;
            }
        }
        catch (Exception exception)
        {
            Console.Error.WriteLine(StudentCode.Describe(exception));
            return 1;
        }
    }
}
