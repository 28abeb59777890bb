using System.Globalization;
using GroupBot.Data;
using GroupBot.People;
using Microsoft.EntityFrameworkCore;

namespace GroupBot.Chat;

/// <summary>
/// A channel reports that a chat has a new id (Telegram's migrate_to_chat_id when a group becomes
/// a supergroup); the core decides what follows: a group linked to the old chat follows it.
/// </summary>
public sealed class ChatMoves(IServiceScopeFactory scopes, ILogger<ChatMoves> logger)
{
    public async Task MovedAsync(string channel, string oldChatId, string newChatId, CancellationToken ct)
    {
        if (channel != ChannelNames.Telegram
            || !long.TryParse(oldChatId, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var oldId)
            || !long.TryParse(newChatId, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var newId))
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GroupBotDb>();
        await db.Groups.Where(g => g.TelegramChatId == oldId).ExecuteUpdateAsync(u => u.SetProperty(g => g.TelegramChatId, newId), ct);
        logger.LogInformation("Chat {ChatId} on {Channel} moved to {NewChatId}", oldChatId, channel, newChatId);
    }
}
