using GroupBot.Chat;

namespace GroupBot.Tests.Chat;

public sealed class ExponentialBackoffTests
{
    [Fact]
    public void Each_try_waits_the_factor_longer_than_the_last_up_to_the_ceiling()
    {
        var waits = Enumerable.Range(1, 6).Select(n => ExponentialBackoff.Delay(n, TimeSpan.FromSeconds(3), 3, TimeSpan.FromMinutes(1)).TotalSeconds);

        Assert.Equal([3, 9, 27, 60, 60, 60], waits);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void A_try_number_below_one_counts_as_the_first(int n) =>
        Assert.Equal(TimeSpan.FromSeconds(3), ExponentialBackoff.Delay(n, TimeSpan.FromSeconds(3), 3, TimeSpan.FromMinutes(1)));

    [Fact]
    public void Any_number_of_tries_stays_at_the_ceiling() =>
        Assert.Equal(TimeSpan.FromMinutes(1), ExponentialBackoff.Delay(int.MaxValue, TimeSpan.FromSeconds(3), 3, TimeSpan.FromMinutes(1)));

    [Fact]
    public void The_dispatcher_waits_2_4_8_seconds_and_at_most_two_minutes() =>
        Assert.Equal([2, 2, 4, 8, 16, 32, 64, 120, 120], Enumerable.Range(0, 9).Select(a => OutboxDispatcher.Backoff(a).TotalSeconds));
}
