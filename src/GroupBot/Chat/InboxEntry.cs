namespace GroupBot.Chat;

/// <summary>
/// Every update is recorded here before it is handled. (Channel, ExternalId) is unique, so a
/// re-delivered update (Telegram and WhatsApp both retry) is acknowledged and ignored.
/// An entry is handled once: <see cref="MarkHandled"/> or <see cref="MarkFailed"/>, never both, never twice.
/// </summary>
public sealed class InboxEntry
{
    public long Id { get; set; }
    public required string Channel { get; set; }
    public required string ExternalId { get; set; }

    /// <summary>channel:chat, the unit of ordering.</summary>
    public required string ChatKey { get; set; }

    public required string PayloadJson { get; set; }
    public DateTime ReceivedUtc { get; set; }
    public DateTime? ProcessedUtc { get; private set; }

    /// <summary>Set when handling failed with an unexpected error; the person was told.</summary>
    public string? Error { get; private set; }

    /// <summary>Its changes commit with this mark, in one transaction.</summary>
    public void MarkHandled(DateTime nowUtc)
    {
        RequireUnhandled("handled");
        ProcessedUtc = nowUtc;
    }

    /// <summary>Handling threw (a bug): the entry is done with, so it does not block the chat, and the error kept.</summary>
    public void MarkFailed(DateTime nowUtc, string error)
    {
        RequireUnhandled("failed");
        ProcessedUtc = nowUtc;
        Error = error;
    }

    private void RequireUnhandled(string to)
    {
        if (ProcessedUtc is { } at)
        {
            throw new InvalidOperationException($"Inbox entry {Id} cannot go from {(Error is null ? "handled" : "failed")} to {to}: it was handled at {at:O}.");
        }
    }
}
