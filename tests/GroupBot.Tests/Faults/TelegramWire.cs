using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace GroupBot.Tests.Faults;

/// <summary>Telegram webhook calls as Telegram makes them: one JSON update per POST, the secret in a header.</summary>
public static class TelegramWire
{
    public const string Secret = "fault_test-secret";

    /// <summary>Settings that put the bot's Telegram channel in webhook mode against a fake Bot API.</summary>
    public static Dictionary<string, string?> WebhookSettings(string apiBaseUrl) => new()
    {
        ["Telegram:BotToken"] = Channels.Telegram.FakeBotApi.Token,
        ["Telegram:ApiBaseUrl"] = apiBaseUrl,
        ["Telegram:Mode"] = "Webhook",
        ["Telegram:WebhookUrl"] = "https://bot.example.org/webhooks/telegram",
        ["Telegram:WebhookSecret"] = Secret,
        ["Simulator:Enabled"] = "true",
    };

    public static JsonObject Text(int updateId, long userId, string text)
    {
        var message = new JsonObject
        {
            ["message_id"] = updateId,
            ["from"] = new JsonObject { ["id"] = userId, ["is_bot"] = false, ["first_name"] = "Ibu" },
            ["chat"] = new JsonObject { ["id"] = userId, ["type"] = "private" },
            ["date"] = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds(),
            ["text"] = text,
        };
        if (text.StartsWith('/'))
        {
            message["entities"] = new JsonArray(new JsonObject { ["offset"] = 0, ["length"] = text.Split(' ')[0].Length, ["type"] = "bot_command" });
        }

        return new JsonObject { ["update_id"] = updateId, ["message"] = message };
    }

    public static JsonObject Button(int updateId, long userId, string data) => new()
    {
        ["update_id"] = updateId,
        ["callback_query"] = new JsonObject
        {
            ["id"] = $"cbq-{updateId}",
            ["from"] = new JsonObject { ["id"] = userId, ["is_bot"] = false, ["first_name"] = "Ibu" },
            ["message"] = new JsonObject
            {
                ["message_id"] = updateId,
                ["from"] = new JsonObject { ["id"] = 123456, ["is_bot"] = true, ["first_name"] = "GroupBot" },
                ["chat"] = new JsonObject { ["id"] = userId, ["type"] = "private" },
                ["date"] = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds(),
                ["text"] = "…",
            },
            ["chat_instance"] = "-42",
            ["data"] = data,
        },
    };

    /// <summary>One webhook delivery attempt; returns the status code.</summary>
    public static async Task<int> PostAsync(HttpClient http, JsonObject update, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/telegram") { Content = JsonContent.Create(update) };
        request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", Secret);
        using var response = await http.SendAsync(request, ct);
        return (int)response.StatusCode;
    }
}
