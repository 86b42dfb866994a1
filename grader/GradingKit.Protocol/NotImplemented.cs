namespace GradingKit.Protocol;

/// <summary>An unfinished stub: its checks fail with the stub's NotImplementedException, and the reports say "not implemented yet".</summary>
public static class NotImplemented
{
    /// <summary>How every failure of an unfinished stub begins.</summary>
    public const string Prefix = "Not implemented yet: ";
}
