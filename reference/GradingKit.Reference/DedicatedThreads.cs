using System.Collections.Concurrent;

namespace GradingKit.Exercises;

/// <summary>Runs actions on dedicated threads, all started before any is joined, as the notebook's Process loop does.</summary>
internal static class DedicatedThreads
{
    /// <summary>Runs body(0) .. body(count - 1), one thread each; rethrows what they threw once all are done.</summary>
    public static void Run(int count, Action<int> body)
    {
        // An exception escaping a raw thread would end the process: catch it there, rethrow it here.
        var errors = new ConcurrentQueue<Exception>();
        var threads = Enumerable.Range(0, count).Select(index => new Thread(() =>
        {
            try
            {
                body(index);
            }
            catch (Exception exception)
            {
                errors.Enqueue(exception);
            }
        })).ToList();
        threads.ForEach(thread => thread.Start());
        threads.ForEach(thread => thread.Join());
        if (!errors.IsEmpty)
        {
            throw new AggregateException(errors);
        }
    }
}
