using System.ComponentModel.DataAnnotations;

namespace GroupBot.Chat;

/// <summary>The "Outbox" settings section.</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>
    /// How many chats are sent to at once by this instance (each chat's messages still go one at a
    /// time, in order). A channel call from Indonesia takes 100–300 ms, so Telegram's 30 a second
    /// needs about 10 in flight and WhatsApp's 80 about 25.
    /// </summary>
    [Range(1, 256)]
    public int MaxParallelSends { get; set; } = 32;
}
