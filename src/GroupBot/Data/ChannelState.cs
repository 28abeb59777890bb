namespace GroupBot.Data;

/// <summary>Small durable values a channel keeps, e.g. "telegram.offset" (the next getUpdates offset).</summary>
public sealed class ChannelState
{
    public required string Key { get; set; }
    public required string Value { get; set; }
    public DateTime UpdatedUtc { get; set; }
}
