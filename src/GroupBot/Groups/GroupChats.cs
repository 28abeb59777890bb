using System.Globalization;
using GroupBot.Chat;
using GroupBot.People;
using Microsoft.EntityFrameworkCore;

namespace GroupBot.Groups;

/// <summary>"/hubungkan" in a Telegram group chat: a leader links that chat to her group. No join code is posted there.</summary>
public sealed class LinkChatCommand : ICommand
{
    public CommandInfo Info { get; } = new("chat.link", ["hubungkan", "link"], Audience.Officer, "Menu.Link") { InGroupChat = true };

    public async Task RunAsync(Turn turn, string args, CancellationToken ct)
    {
        if (!turn.Message.IsGroupChat || turn.Message.Channel != ChannelNames.Telegram)
        {
            turn.Say(turn.T("Link.OnlyInGroup"));
            return;
        }

        if (await GroupRefs.FindAsync(turn, args, "hubungkan", ct) is not { Group: var group })
        {
            return;
        }

        var chatId = long.Parse(turn.Message.ChatId, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        // One chat, one group: a chat linked before to another group moves over.
        var previous = await turn.Db.Groups.Where(g => g.TelegramChatId == chatId && g.Id != group.Id).ToListAsync(ct);
        foreach (var other in previous)
        {
            other.TelegramChatId = null;
        }

        group.TelegramChatId = chatId;
        turn.Audit("link-chat", "group", group.Id, "telegram group chat");
        turn.Say(turn.T("Link.Done", group.Name));
    }
}
