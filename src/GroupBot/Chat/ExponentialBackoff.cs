namespace GroupBot.Chat;

/// <summary>The one back-off formula; each caller names its own start, growth and ceiling.</summary>
public static class ExponentialBackoff
{
    /// <summary>
    /// The wait before try number <paramref name="n"/> (1-based; less counts as the first):
    /// <paramref name="first"/> × <paramref name="factor"/>^(n − 1), never above <paramref name="max"/>.
    /// </summary>
    public static TimeSpan Delay(int n, TimeSpan first, double factor, TimeSpan max) =>
        // A huge n makes Math.Pow infinite, which the ceiling turns back into max.
        TimeSpan.FromSeconds(Math.Min(max.TotalSeconds, first.TotalSeconds * Math.Pow(factor, Math.Max(n, 1) - 1)));
}
