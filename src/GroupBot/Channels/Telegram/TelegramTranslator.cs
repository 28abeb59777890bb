using System.Globalization;
using GroupBot.Chat;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace GroupBot.Channels.Telegram;

/// <summary>Telegram's Update → the neutral <see cref="IncomingMessage"/>. Nothing else.</summary>
public static class TelegramTranslator
{
    /// <summary>
    /// A text or photo message, or a pressed button. Null for everything else (stickers, joins,
    /// edits, commands meant for another bot), which is ignored quietly.
    /// </summary>
    public static IncomingMessage? Translate(Update update, string? botUsername)
    {
        switch (update)
        {
            case { Message: { From: { IsBot: false } from } message } when message.Text is not null || message.Photo is { Length: > 0 }:
                if (message.Text is { } text && IsForAnotherBot(text, botUsername))
                {
                    return null;
                }

                return new IncomingMessage
                {
                    Channel = ChannelNames.Telegram,
                    ChatId = Id(message.Chat.Id),
                    SenderId = Id(from.Id),
                    ExternalId = Id(update.Id),
                    Text = message.Text ?? message.Caption,
                    Photo = message.Photo is { Length: > 0 } sizes ? new IncomingPhoto(sizes.MaxBy(p => p.Width * p.Height)!.FileId, message.Caption) : null,
                    SenderName = from.FirstName,
                    IsGroupChat = message.Chat.Type is not ChatType.Private,
                };

            case { CallbackQuery: { Data: { } data, Message: { } message } query }:
                return new IncomingMessage
                {
                    Channel = ChannelNames.Telegram,
                    ChatId = Id(message.Chat.Id),
                    SenderId = Id(query.From.Id),
                    // One keyboard, one answer (per person in a group chat): a second press is a duplicate.
                    ExternalId = message.Chat.Type is ChatType.Private ? $"cb:{message.Chat.Id}:{message.Id}" : $"cb:{message.Chat.Id}:{message.Id}:{query.From.Id}",
                    ChoiceId = data,
                    SenderName = query.From.FirstName,
                    IsGroupChat = message.Chat.Type is not ChatType.Private,
                };

            default:
                return null;
        }
    }

    /// <summary>
    /// False for JSON that parsed as an update but lacks what Telegram always sends and
    /// <see cref="Translate"/> reads: an update_id, a message's chat, a pressed button's sender (and
    /// its message's chat), every photo size.
    /// </summary>
    public static bool IsWellFormed(Update update) =>
        update.Id > 0
        && (update.Message is null or { Chat: not null } && update.Message?.Photo?.Any(p => p is null) != true)
        && update.CallbackQuery is null or { From: not null, Message: null or { Chat: not null } };

    /// <summary>"/hadir@OtherBot" in a group is for someone else.</summary>
    public static bool IsForAnotherBot(string text, string? botUsername)
    {
        if (!text.StartsWith('/'))
        {
            return false;
        }

        var first = text.Split([' ', '\n'], 2)[0];
        var at = first.IndexOf('@', StringComparison.Ordinal);
        return at >= 0 && botUsername is not null && !string.Equals(first[(at + 1)..], botUsername, StringComparison.OrdinalIgnoreCase);
    }

    public static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
