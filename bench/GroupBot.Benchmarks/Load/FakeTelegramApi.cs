using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GroupBot.Benchmarks.Load;

/// <summary>
/// A loopback Telegram Bot API on Kestrel, speaking the documented wire format (POST
/// /bot{token}/{method}, {"ok":true,"result":…}). It answers what the bot's real Telegram.Bot
/// client calls and delivers every message to the chat's <see cref="Mailbox"/>.
/// </summary>
public sealed class FakeTelegramApi : IAsyncDisposable
{
    public const string Token = "123456:BENCH-token";
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<long, Mailbox> _chats = new();
    private int _nextMessageId;

    private FakeTelegramApi(WebApplication app) => _app = app;

    public string BaseUrl => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    private long _calls;

    public long Calls => Interlocked.Read(ref _calls);

    public Mailbox Chat(long id) => _chats.GetOrAdd(id, _ => new Mailbox());

    public static async Task<FakeTelegramApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var api = new FakeTelegramApi(app);
        app.MapPost("/bot{token}/{method}", api.HandleAsync);
        await app.StartAsync();
        return api;
    }

    private async Task<IResult> HandleAsync(string token, string method, HttpRequest request)
    {
        Interlocked.Increment(ref _calls);
        if (token != Token)
        {
            return Results.Json(new { ok = false, error_code = 401, description = "Unauthorized" }, statusCode: 401);
        }

        long chat = 0;
        string? text = null;
        List<(string Label, string Data)> buttons = [];
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync();
            _ = long.TryParse(form["chat_id"], out chat);
            text = form["caption"];
        }
        else if (request.ContentLength is null or > 0 && request.ContentType?.StartsWith("application/json", StringComparison.Ordinal) == true)
        {
            using var json = await JsonDocument.ParseAsync(request.Body);
            var root = json.RootElement;
            if (root.TryGetProperty("chat_id", out var c))
            {
                chat = c.ValueKind == JsonValueKind.Number ? c.GetInt64() : long.Parse(c.GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            }

            if (root.TryGetProperty("text", out var t))
            {
                text = t.GetString();
            }

            if (root.TryGetProperty("reply_markup", out var markup) && markup.ValueKind == JsonValueKind.Object && markup.TryGetProperty("inline_keyboard", out var rows))
            {
                foreach (var row in rows.EnumerateArray())
                {
                    foreach (var b in row.EnumerateArray())
                    {
                        buttons.Add((b.GetProperty("text").GetString()!, b.TryGetProperty("callback_data", out var d) ? d.GetString()! : ""));
                    }
                }
            }
        }

        switch (method.ToLowerInvariant())
        {
            case "getme":
                return Ok(new { id = 123456, is_bot = true, first_name = "GroupBot", username = "GroupBotBenchBot" });
            case "sendmessage" or "sendphoto" or "senddocument":
                var id = Interlocked.Increment(ref _nextMessageId);
                Chat(chat).Add(new Mailbox.Message(id, text ?? "", buttons, Stopwatch.GetTimestamp()));
                return Ok(new
                {
                    message_id = id,
                    date = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                    chat = new { id = chat, type = "private" },
                    text,
                });
            case "getwebhookinfo":
                return Ok(new { url = "", has_custom_certificate = false, pending_update_count = 0 });
            case "editmessagereplymarkup":
                return Ok(new { message_id = 1, date = DateTimeOffset.UtcNow.ToUnixTimeSeconds(), chat = new { id = chat, type = "private" } });
            default:
                // setWebhook, deleteWebhook, setMyCommands, answerCallbackQuery
                return Ok(true);
        }
    }

    private static IResult Ok(object result) => Results.Json(new { ok = true, result });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>What the bot sent one chat, and a way to wait for the next messages.</summary>
public sealed class Mailbox
{
    public sealed record Message(int Id, string Text, List<(string Label, string Data)> Buttons, long At);

    private readonly List<Message> _messages = [];
    private TaskCompletionSource? _waiter;
    private int _waitFor;

    public int Count
    {
        get
        {
            lock (_messages)
            {
                return _messages.Count;
            }
        }
    }

    public Message this[int index]
    {
        get
        {
            lock (_messages)
            {
                return _messages[index];
            }
        }
    }

    public void Add(Message message)
    {
        lock (_messages)
        {
            _messages.Add(message);
            if (_waiter is not null && _messages.Count >= _waitFor)
            {
                _waiter.TrySetResult();
                _waiter = null;
            }
        }
    }

    /// <summary>Completes when the mailbox holds <paramref name="count"/> messages.</summary>
    public Task UntilAsync(int count)
    {
        lock (_messages)
        {
            if (_messages.Count >= count)
            {
                return Task.CompletedTask;
            }

            _waitFor = count;
            _waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _waiter.Task;
        }
    }

    /// <summary>The latest message with buttons.</summary>
    public Message? LastWithButtons()
    {
        lock (_messages)
        {
            return _messages.LastOrDefault(m => m.Buttons.Count > 0);
        }
    }
}
