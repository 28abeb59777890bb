using System.Text.Json;
using GroupBot.Data;
using Microsoft.EntityFrameworkCore;

namespace GroupBot.Channels.WhatsApp;

/// <summary>The last numbered menu sent to a person (more than 10 choices), so "3" means the third.</summary>
public static class WhatsAppMenus
{
    private static string Key(string chatId) => $"whatsapp.menu.{chatId}";

    public static async Task<IReadOnlyList<string>?> LoadAsync(IServiceScopeFactory scopes, string chatId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var key = Key(chatId);
        var json = await scope.ServiceProvider.GetRequiredService<GroupBotDb>().ChannelStates.Where(s => s.Key == key).Select(s => s.Value).FirstOrDefaultAsync(ct);
        return json is null ? null : JsonSerializer.Deserialize<List<string>>(json);
    }

    public static async Task SaveAsync(IServiceScopeFactory scopes, string chatId, IReadOnlyList<string>? ids, DateTime nowUtc, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GroupBotDb>();
        var key = Key(chatId);
        var state = await db.ChannelStates.SingleOrDefaultAsync(s => s.Key == key, ct);
        if (ids is null)
        {
            if (state is not null)
            {
                db.ChannelStates.Remove(state);
                await db.SaveChangesAsync(ct);
            }

            return;
        }

        if (state is null)
        {
            db.ChannelStates.Add(state = new ChannelState { Key = key, Value = string.Empty });
        }

        state.Value = JsonSerializer.Serialize(ids);
        state.UpdatedUtc = nowUtc;
        await db.SaveChangesAsync(ct);
    }
}
