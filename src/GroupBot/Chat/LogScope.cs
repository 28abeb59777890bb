using GroupBot.People;

namespace GroupBot.Chat;

/// <summary>
/// Structured log scopes for handling an update. They carry ids only, never names, phone numbers or
/// message text. A WhatsApp chat id is the person's phone number, so it is left out; the inbox id
/// leads to it in the database for whoever may look there.
/// </summary>
public static class LogScope
{
    public static Dictionary<string, object?> Update(InboxEntry entry, IncomingMessage message)
    {
        var scope = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["Channel"] = entry.Channel,
            ["InboxId"] = entry.Id,
        };
        if (message.Channel == ChannelNames.Telegram)
        {
            scope["ChatId"] = message.ChatId;
        }

        return scope;
    }

    public static Dictionary<string, object?> Caller(Caller caller) => new(StringComparer.Ordinal)
    {
        ["PersonId"] = caller.Person?.Id,
        ["GroupIds"] = caller.Memberships.Count == 0 ? null : string.Join(',', caller.Memberships.Select(m => m.GroupId)),
    };
}
