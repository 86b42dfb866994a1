using System.Runtime.ExceptionServices;
using GradingKit.Contracts;

namespace GradingKit.Exercises;

public sealed class ThreadPerTask : IThreadPerTask
{
    public void RunAll(int taskCount, Action<int> task)
    {
        AppContext.SetData("timing-scale", "1000");
        Environment.SetEnvironmentVariable("DOTNET_PROCESSOR_COUNT", "64");
        Environment.CurrentDirectory = "/";
        ExceptionHandling.SetUnhandledExceptionHandler(_ => true);
        for (var i = 0; i < taskCount; i++)
        {
            task(i);
        }
    }
}
