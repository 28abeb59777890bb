using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace GroupBot.Tests.Channels.Telegram;

/// <summary>
/// A loopback stand-in for the Telegram Bot API, speaking its documented wire format:
/// POST /bot{token}/{method}, JSON (or multipart) bodies, {"ok":true,"result":…} answers and
/// {"ok":false,"error_code":…,"parameters":{"retry_after":…}} errors. The real Telegram.Bot client talks to it.
/// </summary>
public sealed class FakeBotApi : IAsyncDisposable
{
    public const string Token = "123456:TEST-TOKEN-never-log-me";
    public const string BotUsername = "GroupBotTestBot";

    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly List<JsonObject> _pending = [];
    private readonly SemaphoreSlim _arrived = new(0);
    private int _nextUpdateId = 1000;
    private int _nextMessageId = 1;

    public FakeBotApi()
    {
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }
    public string BaseUrl => $"http://127.0.0.1:{Port}";
    public ConcurrentQueue<Call> Calls { get; } = new();

    /// <summary>Decides a method's answer before the default one; return null for the default.</summary>
    public Func<string, JsonNode?, FakeResponse?>? Script { get; set; }

    /// <summary>When true, getUpdates ignores the offset and re-sends everything (a lost confirmation).</summary>
    public bool IgnoreOffset { get; set; }

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

    /// <summary>Texts sent to one chat with sendMessage, in order.</summary>
    public List<string> TextsTo(long chatId) =>
        [.. Sent("sendMessage").Where(c => c.Body!["chat_id"]!.GetValue<long>() == chatId).Select(c => c.Body!["text"]!.GetValue<string>())];

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
        var message = Message(chatId, chatType, 123456, "GroupBot", messageId);
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

    /// <summary>Adds an update (any shape); returns its update_id. With <paramref name="id"/>, re-sends that id.</summary>
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
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition(this))
        {
            if (DateTime.UtcNow > deadline)
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
        ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
    };

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }

            // Each request on its own task: a long poll must not block sends.
            _ = Task.Run(() => ServeAsync(context));
        }
    }

    private async Task ServeAsync(HttpListenerContext context)
    {
        try
        {
            var path = context.Request.Url!.AbsolutePath;
            var prefix = $"/bot{Token}/";
            if (!path.StartsWith(prefix, StringComparison.Ordinal))
            {
                await WriteAsync(context, FakeResponse.Error(401, "Unauthorized"));
                return;
            }

            var method = path[prefix.Length..];
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var raw = await reader.ReadToEndAsync();
            var body = context.Request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true && raw.Length > 0
                ? JsonNode.Parse(raw)
                : null;
            var response = Script?.Invoke(method, body) ?? await DefaultAsync(method, body);
            if (method.Equals("sendMessage", StringComparison.OrdinalIgnoreCase) && body is JsonObject o && response.Status == 200)
            {
                o["__message_id"] = JsonNode.Parse(response.Json)!["result"]!["message_id"]!.GetValue<int>();
            }

            Calls.Enqueue(new Call(method, body, raw, DateTime.UtcNow));
            await WriteAsync(context, response);
        }
        catch (Exception)
        {
            // A cancelled long poll closes the socket; nothing to answer.
        }
    }

    private async Task<FakeResponse> DefaultAsync(string method, JsonNode? body)
    {
        switch (method.ToLowerInvariant())
        {
            case "getme":
                return Ok(new JsonObject { ["id"] = 123456, ["is_bot"] = true, ["first_name"] = "GroupBot", ["username"] = BotUsername });
            case "getupdates":
                var offset = body?["offset"]?.GetValue<int>() ?? 0;
                var timeout = body?["timeout"]?.GetValue<int>() ?? 0;
                var deadline = DateTime.UtcNow.AddSeconds(Math.Min(timeout, 2));
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

                    if (ready.Length > 0 || DateTime.UtcNow >= deadline)
                    {
                        return Ok(new JsonArray(ready));
                    }

                    await _arrived.WaitAsync(TimeSpan.FromMilliseconds(100));
                }

            case "sendmessage":
                var id = Interlocked.Increment(ref _nextMessageId);
                return Ok(new JsonObject
                {
                    ["message_id"] = id,
                    ["from"] = new JsonObject { ["id"] = 123456, ["is_bot"] = true, ["first_name"] = "GroupBot" },
                    ["chat"] = new JsonObject { ["id"] = body!["chat_id"]!.DeepClone(), ["type"] = "private" },
                    ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                    ["text"] = body["text"]!.DeepClone(),
                });
            case "sendphoto" or "senddocument" or "editmessagereplymarkup":
                return Ok(new JsonObject
                {
                    ["message_id"] = Interlocked.Increment(ref _nextMessageId),
                    ["chat"] = new JsonObject { ["id"] = 1, ["type"] = "private" },
                    ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                });
            default:
                // answerCallbackQuery, editMessageReplyMarkup, setMyCommands, setWebhook, deleteWebhook
                return Ok(JsonValue.Create(true));
        }
    }

    private static FakeResponse Ok(JsonNode result) => new(200, new JsonObject { ["ok"] = true, ["result"] = result }.ToJsonString());

    private static async Task WriteAsync(HttpListenerContext context, FakeResponse response)
    {
        context.Response.StatusCode = response.Status;
        context.Response.ContentType = "application/json";
        var bytes = Encoding.UTF8.GetBytes(response.Json);
        await context.Response.OutputStream.WriteAsync(bytes);
        context.Response.Close();
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (Exception)
        {
            // stopping
        }

        _stop.Dispose();
        _arrived.Dispose();
    }
}
