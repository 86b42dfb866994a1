using System.Runtime.InteropServices;

namespace GradingKit.Grading.Measuring;

/// <summary>
/// The CPU time of the calling thread: what it has run on a core, whatever the machine's load
/// (<c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c> on Linux and macOS, <c>GetThreadTimes</c> on Windows).
/// .NET offers it for the whole process only (<see cref="Environment.CpuUsage"/>).
/// </summary>
internal static partial class ThreadCpuTime
{
    private const int LinuxThreadClock = 3;
    private const int MacThreadClock = 16;

    /// <summary>Whether this platform tells a thread its CPU time.</summary>
    public static bool Available { get; } = Probe();

    /// <summary>The calling thread's CPU time so far.</summary>
    /// <returns>User and system time of this thread.</returns>
    public static TimeSpan Now()
    {
        if (OperatingSystem.IsWindows())
        {
            return GetThreadTimes(GetCurrentThread(), out _, out _, out var kernel, out var user)
                ? TimeSpan.FromTicks(kernel + user)
                : throw new InvalidOperationException("GetThreadTimes failed.");
        }

        return ClockGetTime(OperatingSystem.IsMacOS() ? MacThreadClock : LinuxThreadClock, out var time) == 0
            ? time.Elapsed
            : throw new InvalidOperationException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed.");
    }

    /// <summary>
    /// The CPU time of another thread of this process, by its id (Linux: the thread's own CPU clock,
    /// <c>clock_gettime</c> with the clock id the kernel derives from the thread id).
    /// </summary>
    /// <param name="thread">The thread's id, as <c>/proc/self/task</c> lists it.</param>
    /// <returns>Its CPU time so far; null where the platform does not tell or the thread has ended.</returns>
    public static TimeSpan? Of(int thread)
    {
        if (!OperatingSystem.IsLinux() || thread <= 0)
        {
            return null;
        }

        // The kernel's per-thread scheduler clock: ((~tid) << 3) | CPUCLOCK_PERTHREAD_MASK | CPUCLOCK_SCHED.
        try
        {
            return ClockGetTime((~thread << 3) | 6, out var time) == 0
                ? time.Elapsed
                : null;
        }
        catch (Exception problem) when (problem is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    /// <summary>The operating system's id of the calling thread, as <see cref="System.Diagnostics.ProcessThread.Id"/> gives it; -1 where unknown.</summary>
    /// <returns>The id.</returns>
    public static int CurrentThreadId()
    {
        try
        {
            return OperatingSystem.IsLinux() ? GetTid() : OperatingSystem.IsWindows() ? GetCurrentThreadId() : -1;
        }
        catch (Exception problem) when (problem is DllNotFoundException or EntryPointNotFoundException)
        {
            return -1;
        }
    }

    private static bool Probe()
    {
        try
        {
            return (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() || OperatingSystem.IsWindows()) && Now() >= TimeSpan.Zero;
        }
        catch (Exception problem) when (problem is DllNotFoundException or EntryPointNotFoundException or InvalidOperationException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    [LibraryImport("libc", EntryPoint = "gettid")]
    private static partial int GetTid();

    [LibraryImport("kernel32.dll")]
    private static partial int GetCurrentThreadId();

    [LibraryImport("kernel32.dll")]
    private static partial IntPtr GetCurrentThread();

    [LibraryImport("kernel32.dll")]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool GetThreadTimes(IntPtr thread, out long creation, out long exit, out long kernel, out long user);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;

        public readonly TimeSpan Elapsed => TimeSpan.FromTicks((Seconds * TimeSpan.TicksPerSecond) + (Nanoseconds / 100));
    }
}
