using GroupBot.Chat;

namespace GroupBot.Tests.Chat;

/// <summary>An inbox entry is handled once: handled or failed, never both, never twice.</summary>
public sealed class InboxEntryTests
{
    private static readonly DateTime Now = new(2026, 12, 4, 8, 0, 0, DateTimeKind.Utc);

    private static InboxEntry Entry() => new() { Channel = "simulator", ExternalId = "m1", ChatKey = "simulator:siti", PayloadJson = "{}", ReceivedUtc = Now };

    [Fact]
    public void A_handled_entry_records_when()
    {
        var entry = Entry();

        entry.MarkHandled(Now.AddSeconds(1));

        Assert.Equal(((DateTime?)Now.AddSeconds(1), (string?)null), (entry.ProcessedUtc, entry.Error));
    }

    [Fact]
    public void A_failed_entry_is_done_with_and_keeps_its_error()
    {
        var entry = Entry();

        entry.MarkFailed(Now.AddSeconds(1), "NullReferenceException");

        Assert.Equal(((DateTime?)Now.AddSeconds(1), "NullReferenceException"), (entry.ProcessedUtc, entry.Error));
    }

    [Fact]
    public void A_handled_entry_cannot_be_handled_again_or_failed()
    {
        var entry = Entry();
        entry.MarkHandled(Now);

        var again = Assert.Throws<InvalidOperationException>(() => entry.MarkHandled(Now.AddMinutes(1)));
        var failed = Assert.Throws<InvalidOperationException>(() => entry.MarkFailed(Now.AddMinutes(1), "TimeoutException"));

        Assert.Contains("from handled to handled", again.Message, StringComparison.Ordinal);
        Assert.Contains("from handled to failed", failed.Message, StringComparison.Ordinal);
        Assert.Equal(((DateTime?)Now, (string?)null), (entry.ProcessedUtc, entry.Error));
    }

    [Fact]
    public void A_failed_entry_cannot_be_marked_handled_afterwards()
    {
        var entry = Entry();
        entry.MarkFailed(Now, "NullReferenceException");

        var error = Assert.Throws<InvalidOperationException>(() => entry.MarkHandled(Now.AddMinutes(1)));

        Assert.Contains("from failed to handled", error.Message, StringComparison.Ordinal);
        Assert.Equal("NullReferenceException", entry.Error);
    }
}
