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

    /// <summary>Something the bot cannot read (a sticker, a location, a voice note): it says so politely.</summary>
    public bool Unsupported { get; init; }

    public string ChatKey => $"{Channel}:{ChatId}";
}

/// <summary>A photo kept as the channel's file reference (never downloaded).</summary>
public sealed record IncomingPhoto(string FileReference, string? Caption);

public sealed record Choice(string Id, string Label);

/// <summary>
/// A message template by its GroupBot name (see <see cref="Templates"/>), with its body parameters in
/// order, in the recipient's language.
/// </summary>
public sealed record TemplateRef(string Name, string Language, IReadOnlyList<string> Parameters);

/// <summary>The templates GroupBot may send; WhatsApp:Templates maps each to the name approved in Meta's manager.</summary>
public static class Templates
{
    /// <summary>{{1}} group, {{2}} date, {{3}} time, {{4}} place.</summary>
    public const string MeetingReminder = "MeetingReminder";

    /// <summary>{{1}} training title, {{2}} date, {{3}} time, {{4}} venue.</summary>
    public const string TrainingReminder = "TrainingReminder";

    /// <summary>{{1}} group, {{2}} meeting date: the report or minutes are still missing.</summary>
    public const string ReportNudge = "ReportNudge";

    /// <summary>{{1}} the announcement text (one paragraph).</summary>
    public const string Announcement = "Announcement";

    /// <summary>{{1}} week: the weekly summary is ready; the facilitator replies to receive it.</summary>
    public const string WeeklySummary = "WeeklySummary";

    public static readonly IReadOnlyList<string> All = [MeetingReminder, TrainingReminder, ReportNudge, Announcement, WeeklySummary];
}

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

    /// <summary>
    /// For messages that may go to someone who has not written lately (reminders, announcements):
    /// the approved template to use where a channel needs one (WhatsApp, outside its 24-hour window).
    /// </summary>
    public TemplateRef? Template { get; init; }

    /// <summary>In a group chat, the person this answers: channels that can, mention them.</summary>
    public Mention? Mention { get; init; }

    public static OutgoingMessage Plain(string text) => new() { Text = text };
}
