using GroupBot.Channels.WhatsApp;

namespace GroupBot.Tests.Channels.WhatsApp;

public sealed class WhatsAppErrorsTests
{
    [Fact]
    public void The_pair_rate_limit_backs_off_four_to_the_attempts_made_up_to_an_hour() =>
        Assert.Equal([1, 4, 16, 64, 256, 1024, 3600, 3600], Enumerable.Range(0, 8).Select(a => WhatsAppErrors.PairRateLimitBackoff(a).TotalSeconds));
}
