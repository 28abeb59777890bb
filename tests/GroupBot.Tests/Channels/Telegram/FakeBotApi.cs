using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using GroupBot.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace GroupBot.Tests.Channels.Telegram;

/// <summary>
/// A loopback stand-in for the Telegram Bot API, speaking its documented wire format:
/// POST /bot{token}/{method}, JSON (or multipart) bodies, {"ok":true,"result":…} answers and
/// {"ok":false,"error_code":…,"parameters":{"retry_after":…}} errors. The real Telegram.Bot client talks to it.
/// The tests read every call it got and script failures; the load benchmark (which compiles this
/// file too) waits on each chat's <see cref="Mailbox"/>. Kestrel, because the benchmark sends it
/// thousands of calls a second.
/// </summary>
public sealed class FakeBotApi : IAsyncDisposable
{
    public const string Token = "123456:TEST-TOKEN-never-log-me";
    public const string BotUsername = "GroupBotTestBot";
    private const long BotId = 123456;

    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<JsonObject> _pending = [];
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly ConcurrentDictionary<long, Mailbox> _chats = new();
    private int _nextUpdateId = 1000;
    private int _nextMessageId = 1;
    private long _received;

    public FakeBotApi()
    {
        // The empty builder reads no appsettings.json and watches no files: a test run starts many of these.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.Run(ServeAsync);

        // A constructor cannot await, and tests set Script in an object initializer; binding a loopback port takes milliseconds.
        _app.Start();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Port = new Uri(BaseUrl).Port;
    }

    public int Port { get; }
    public string BaseUrl { get; }

    /// <summary>Every call, in the order answered; empty when <see cref="KeepCalls"/> is off.</summary>
    public ConcurrentQueue<Call> Calls { get; } = new();

    /// <summary>Off for a long benchmark run, where every call's parsed body would pile up in memory.</summary>
    public bool KeepCalls { get; init; } = true;

    /// <summary>How many requests reached the fake, kept in <see cref="Calls"/> or not.</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>Decides a method's answer before the default one; return null for the default.</summary>
    public Func<string, JsonNode?, FakeResponse?>? Script { get; set; }

    /// <summary>How long each call waits before it is answered: the round trip from Indonesia (the outbound benchmark).</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>When true, getUpdates ignores the offset and re-sends everything (a lost confirmation).</summary>
    public bool IgnoreOffset { get; set; }

    /// <param name="Body">The JSON body; null for a multipart upload or a method without parameters.</param>
    public sealed record Call(string Method, JsonNode? Body, string RawBody, DateTime AtUtc);

    public sealed record FakeResponse(int Status, string Json)
    {
        public static FakeResponse Error(int code, string description, int? retryAfter = null) =>
            new(code, new JsonObject
            {
                ["ok"] = false,
                ["error_code"] = code,
                ["description"] = description,
                ["parameters"] = retryAfter is null ? null : new JsonObject { ["retry_after"] = retryAfter },
            }.ToJsonString());
    }

    public IEnumerable<Call> Sent(string method) => Calls.Where(c => c.Method.Equals(method, StringComparison.OrdinalIgnoreCase));

    /// <summary>Texts sent to one chat with sendMessage, in order, refused ones included.</summary>
    public List<string> TextsTo(long chatId) =>
        [.. Sent("sendMessage").Where(c => c.Body!["chat_id"]!.GetValue<long>() == chatId).Select(c => c.Body!["text"]!.GetValue<string>())];

    /// <summary>The messages the fake accepted for one chat (texts, photos, documents).</summary>
    public Mailbox Chat(long chatId) => _chats.GetOrAdd(chatId, _ => new Mailbox());

    public int PushText(long chatId, long fromId, string text, string firstName = "Siti", string chatType = "private")
    {
        var message = Message(chatId, chatType, fromId, firstName);
        message["text"] = text;
        if (text.StartsWith('/'))
        {
            var length = text.Split(' ')[0].Length;
            message["entities"] = new JsonArray(new JsonObject { ["offset"] = 0, ["length"] = length, ["type"] = "bot_command" });
        }

        return Push(new JsonObject { ["message"] = message });
    }

    public int PushCallback(long chatId, long fromId, int messageId, string data, string chatType = "private")
    {
        var message = Message(chatId, chatType, BotId, "GroupBot", messageId);
        message["from"]!["is_bot"] = true;
        message["text"] = "…";
        return Push(new JsonObject
        {
            ["callback_query"] = new JsonObject
            {
                ["id"] = $"cbq-{Interlocked.Increment(ref _nextMessageId)}",
                ["from"] = new JsonObject { ["id"] = fromId, ["is_bot"] = false, ["first_name"] = "Siti" },
                ["message"] = message,
                ["chat_instance"] = "-42",
                ["data"] = data,
            },
        });
    }

    public int PushPhoto(long chatId, long fromId, string fileId, string? caption, string chatType = "private")
    {
        var message = Message(chatId, chatType, fromId, "Siti");
        message["photo"] = new JsonArray(
            new JsonObject { ["file_id"] = fileId + "-small", ["file_unique_id"] = "s", ["width"] = 90, ["height"] = 90 },
            new JsonObject { ["file_id"] = fileId, ["file_unique_id"] = "b", ["width"] = 1280, ["height"] = 960 });
        if (caption is not null)
        {
            message["caption"] = caption;
        }

        return Push(new JsonObject { ["message"] = message });
    }

    /// <summary>Adds an update (any shape) for getUpdates; returns its update_id. With <paramref name="id"/>, re-sends that id.</summary>
    public int Push(JsonObject update, int? id = null)
    {
        var updateId = id ?? Interlocked.Increment(ref _nextUpdateId);
        update["update_id"] = updateId;
        lock (_pending)
        {
            _pending.Add(update);
        }

        _arrived.Release();
        return updateId;
    }

    /// <summary>The message_id the fake gave the latest sendMessage to a chat (for pressing its buttons).</summary>
    public int LastMessageIdTo(long chatId) =>
        Sent("sendMessage").Where(c => c.Body!["chat_id"]!.GetValue<long>() == chatId).Select(c => c.Body!["__message_id"]!.GetValue<int>()).Last();

    public async Task WaitForAsync(Func<FakeBotApi, bool> condition, int seconds = 20)
    {
        var deadline = Deadline.In(TimeSpan.FromSeconds(seconds));
        while (!condition(this))
        {
            if (deadline.Passed)
            {
                throw new TimeoutException("The bot did not do what the test waited for. Calls: "
                    + string.Join(" | ", Calls.Select(c => $"{c.Method} {c.RawBody}")));
            }

            await Task.Delay(20);
        }
    }

    private JsonObject Message(long chatId, string chatType, long fromId, string firstName, int? messageId = null) => new()
    {
        ["message_id"] = messageId ?? Interlocked.Increment(ref _nextMessageId),
        ["from"] = new JsonObject { ["id"] = fromId, ["is_bot"] = false, ["first_name"] = firstName },
        ["chat"] = new JsonObject { ["id"] = chatId, ["type"] = chatType },
        ["date"] = Now(),
    };

    private async Task ServeAsync(HttpContext context)
    {
        Interlocked.Increment(ref _received);
        if (Latency > TimeSpan.Zero)
        {
            await Task.Delay(Latency, context.RequestAborted);
        }

        var request = context.Request;
        var path = request.Path.Value ?? "";
        var prefix = $"/bot{Token}/";
        if (!path.StartsWith(prefix, StringComparison.Ordinal))
        {
            await WriteAsync(context.Response, FakeResponse.Error(401, "Unauthorized"));
            return;
        }

        var method = path[prefix.Length..];
        if (request.HasFormContentType)
        {
            request.EnableBuffering(); // read twice: as raw text for the capture, then as the form
        }

        string raw;
        using (var reader = new StreamReader(request.Body, Encoding.UTF8, leaveOpen: true))
        {
            raw = await reader.ReadToEndAsync(context.RequestAborted);
        }

        var body = request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true && raw.Length > 0
            ? JsonNode.Parse(raw)
            : null;
        var outgoing = await OutgoingAsync(method, request, body);
        var response = Script?.Invoke(method, body) ?? await DefaultAsync(method, body, outgoing);
        if (outgoing is not null && response.Status == 200 && JsonNode.Parse(response.Json)?["result"]?["message_id"]?.GetValue<int>() is { } messageId)
        {
            if (body is JsonObject sent && method.Equals("sendMessage", StringComparison.OrdinalIgnoreCase))
            {
                sent["__message_id"] = messageId;
            }

            Chat(outgoing.ChatId).Add(new Mailbox.Message(messageId, outgoing.Text, outgoing.Buttons, Stopwatch.GetTimestamp()));
        }

        if (KeepCalls)
        {
            Calls.Enqueue(new Call(method, body, raw, TimeProvider.System.GetUtcNow().UtcDateTime));
        }

        await WriteAsync(context.Response, response);
    }

    private sealed record Outgoing(long ChatId, string Text, List<(string Label, string Data)> Buttons);

    /// <summary>A message the bot sends: its chat, text (or caption) and inline buttons, from JSON or from a multipart upload.</summary>
    private static async Task<Outgoing?> OutgoingAsync(string method, HttpRequest request, JsonNode? body)
    {
        if (method.ToLowerInvariant() is not ("sendmessage" or "sendphoto" or "senddocument"))
        {
            return null;
        }

        string? chat, text, markup;
        if (request.HasFormContentType)
        {
            request.Body.Position = 0;
            var form = await request.ReadFormAsync();
            (chat, text, markup) = (form["chat_id"], (string?)form["text"] ?? form["caption"], form["reply_markup"]);
        }
        else
        {
            (chat, text, markup) = (body?["chat_id"]?.ToString(), (body?["text"] ?? body?["caption"])?.GetValue<string>(), body?["reply_markup"]?.ToJsonString());
        }

        List<(string Label, string Data)> buttons = [];
        if (markup is { Length: > 0 } && JsonNode.Parse(markup)?["inline_keyboard"] is JsonArray rows)
        {
            buttons.AddRange(rows.SelectMany(row => row!.AsArray())
                .Select(b => (b!["text"]!.GetValue<string>(), b["callback_data"]?.GetValue<string>() ?? "")));
        }

        return long.TryParse(chat, NumberStyles.Integer, CultureInfo.InvariantCulture, out var chatId) ? new Outgoing(chatId, text ?? "", buttons) : null;
    }

    private async Task<FakeResponse> DefaultAsync(string method, JsonNode? body, Outgoing? outgoing)
    {
        switch (method.ToLowerInvariant())
        {
            case "getme":
                return Ok(new JsonObject { ["id"] = BotId, ["is_bot"] = true, ["first_name"] = "GroupBot", ["username"] = BotUsername });
            case "getupdates":
                return Ok(await UpdatesAsync(body?["offset"]?.GetValue<int>() ?? 0, body?["timeout"]?.GetValue<int>() ?? 0));
            case "sendmessage":
                var message = BotMessage(Interlocked.Increment(ref _nextMessageId), body!["chat_id"]!.DeepClone());
                message["text"] = body["text"]!.DeepClone();
                return Ok(message);
            case "sendphoto" or "senddocument":
                return Ok(BotMessage(Interlocked.Increment(ref _nextMessageId), outgoing?.ChatId ?? 1));
            case "editmessagereplymarkup":
                return Ok(BotMessage(body?["message_id"]?.GetValue<int>() ?? Interlocked.Increment(ref _nextMessageId), body?["chat_id"]?.DeepClone() ?? 1));
            case "getwebhookinfo":
                return Ok(new JsonObject { ["url"] = "", ["has_custom_certificate"] = false, ["pending_update_count"] = 0 });
            default:
                // answerCallbackQuery, setMyCommands, setWebhook, deleteWebhook
                return Ok(JsonValue.Create(true));
        }
    }

    /// <summary>A long poll: waits (at most 2 s of the asked timeout, so tests move on) until an update at or after the offset is there.</summary>
    private async Task<JsonArray> UpdatesAsync(int offset, int timeout)
    {
        var deadline = Deadline.In(TimeSpan.FromSeconds(Math.Min(timeout, 2)));
        while (true)
        {
            JsonObject[] ready;
            lock (_pending)
            {
                if (!IgnoreOffset)
                {
                    _pending.RemoveAll(u => u["update_id"]!.GetValue<int>() < offset);
                }

                ready = [.. _pending.Take(100).Select(u => (JsonObject)u.DeepClone())];
            }

            if (ready.Length > 0 || deadline.Passed || _stop.IsCancellationRequested)
            {
                return new JsonArray(ready);
            }

            try
            {
                await _arrived.WaitAsync(TimeSpan.FromMilliseconds(100), _stop.Token);
            }
            catch (OperationCanceledException)
            {
                // the fake is stopping: answer what there is
            }
        }
    }

    private static JsonObject BotMessage(int messageId, JsonNode chatId) => new()
    {
        ["message_id"] = messageId,
        ["from"] = new JsonObject { ["id"] = BotId, ["is_bot"] = true, ["first_name"] = "GroupBot" },
        ["chat"] = new JsonObject { ["id"] = chatId, ["type"] = "private" },
        ["date"] = Now(),
    };

    private static long Now() => TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();

    private static FakeResponse Ok(JsonNode result) => new(200, new JsonObject { ["ok"] = true, ["result"] = result }.ToJsonString());

    private static async Task WriteAsync(HttpResponse http, FakeResponse response)
    {
        http.StatusCode = response.Status;
        http.ContentType = "application/json";
        await http.WriteAsync(response.Json);
    }

    public async ValueTask DisposeAsync()
    {
        // Ends the long polls at once, so stopping does not wait out their timeout.
        await _stop.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stop.Dispose();
        _arrived.Dispose();
    }

    /// <summary>What the fake accepted for one chat, and a way to wait for the next messages.</summary>
    public sealed class Mailbox
    {
        /// <param name="At">When the fake accepted it, a <see cref="Stopwatch"/> timestamp.</param>
        public sealed record Message(int Id, string Text, List<(string Label, string Data)> Buttons, long At);

        private readonly List<Message> _messages = [];
        private readonly List<(int Count, TaskCompletionSource Done)> _waiters = [];

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
                for (var i = _waiters.Count - 1; i >= 0; i--)
                {
                    if (_messages.Count >= _waiters[i].Count)
                    {
                        _waiters[i].Done.TrySetResult();
                        _waiters.RemoveAt(i);
                    }
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

                var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiters.Add((count, done));
                return done.Task;
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
}
