namespace GroupBot.Chat;

/// <summary>Channel names as stored in identities, inbox and outbox rows.</summary>
public static class ChannelNames
{
    public const string Simulator = "simulator";
    public const string Telegram = "telegram";
    public const string WhatsApp = "whatsapp";
}

/// <summary>A message from a person, translated from a channel's wire format.</summary>
public sealed record IncomingMessage
{
    public required string Channel { get; init; }

    /// <summary>Where replies go: the private chat, or a group chat.</summary>
    public required string ChatId { get; init; }

    /// <summary>Who wrote it. Equal to <see cref="ChatId"/> in private chats.</summary>
    public required string SenderId { get; init; }

    /// <summary>The channel's own id for this update, used to ignore re-deliveries.</summary>
    public required string ExternalId { get; init; }

    public string? Text { get; init; }

    /// <summary>The id of a pressed button, when the person chose instead of typing.</summary>
    public string? ChoiceId { get; init; }

    public IncomingPhoto? Photo { get; init; }
    public string? SenderName { get; init; }
    public bool IsGroupChat { get; init; }

    public string ChatKey => $"{Channel}:{ChatId}";
}

/// <summary>A photo kept as the channel's file reference (never downloaded).</summary>
public sealed record IncomingPhoto(string FileReference, string? Caption);

public sealed record Choice(string Id, string Label);

/// <summary>Who a group-chat reply is for: the sender's channel id and display name.</summary>
public sealed record Mention(string UserId, string Name);

/// <summary>A file to send: exports as documents, charts as photos.</summary>
public sealed record OutgoingFile(string FileName, string ContentType, byte[] Content);

/// <summary>A message to a person or group, rendered by each channel in its own way.</summary>
public sealed record OutgoingMessage
{
    public required string Text { get; init; }
    public IReadOnlyList<Choice> Choices { get; init; } = [];
    public OutgoingFile? Document { get; init; }
    public OutgoingFile? Photo { get; init; }

    /// <summary>In a group chat, the person this answers: channels that can, mention them.</summary>
    public Mention? Mention { get; init; }

    public static OutgoingMessage Plain(string text) => new() { Text = text };
}
