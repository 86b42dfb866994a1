namespace GradingKit.Grading.Measuring;

/// <summary>
/// Marks a timing check: NUnit category "Timing", so that <c>--filter Category!=Timing</c> leaves
/// the timing checks out and <c>--filter Category=Timing</c> runs only them. Timing checks never
/// run in parallel with one another (NUnit runs tests one at a time unless told otherwise).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class TimedAttribute : CategoryAttribute
{
    /// <summary>The category's name.</summary>
    public const string Category = "Timing";

    /// <summary>Marks the method as a timing check.</summary>
    public TimedAttribute()
        : base(Category)
    {
    }
}
