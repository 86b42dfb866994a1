namespace GradingKit.Grading.Checks;

/// <summary>A classic mistake a check can recognise, and what to try instead.</summary>
/// <param name="Mistake">The mistake, as a student would name it.</param>
/// <param name="Advice">What to try.</param>
public sealed record Hint(string Mistake, string Advice)
{
    /// <inheritdoc />
    public override string ToString() => $"{Mistake}? {Advice}";
}
