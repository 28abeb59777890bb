namespace GroupBot.Chat;

/// <summary>
/// Every update is recorded here before it is handled. (Channel, ExternalId) is unique, so a
/// re-delivered update (Telegram and WhatsApp both retry) is acknowledged and ignored.
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
    public DateTime? ProcessedUtc { get; set; }

    /// <summary>Set when handling failed with an unexpected error; the person was told.</summary>
    public string? Error { get; set; }
}
