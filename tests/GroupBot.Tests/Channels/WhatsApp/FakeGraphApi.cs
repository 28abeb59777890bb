using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using GroupBot.Tests.Support;

namespace GroupBot.Tests.Channels.WhatsApp;

/// <summary>
/// A loopback stand-in for Meta's Graph API (Cloud API): POST /{version}/{phone-number-id}/messages
/// and /media with a Bearer token, answering in Meta's documented shapes, including
/// {"error":{"code":…}} errors. Also builds webhook payloads and signs them as Meta does.
/// </summary>
public sealed class FakeGraphApi : IAsyncDisposable
{
    public const string AccessToken = "EAAG-test-access-token-never-log";
    public const string AppSecret = "app-secret-never-log";
    public const string VerifyToken = "verify-me";
    public const string PhoneNumberId = "106540352242922";
    public const string Version = "v24.0";

    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private int _next;

    public FakeGraphApi()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }
    public string BaseUrl => $"http://127.0.0.1:{Port}";
    public ConcurrentQueue<Call> Calls { get; } = new();
    public Func<JsonNode?, (int Status, string Json)?>? Script { get; set; }

    /// <summary>How long each call waits before it is answered: the round trip from Indonesia (the outbound benchmark).</summary>
    public TimeSpan Latency { get; set; }

    public sealed record Call(string Path, string? Authorization, JsonNode? Body, string RawBody, string? WamId, DateTime AtUtc);

    public List<JsonNode> MessagesTo(string to) =>
        [.. Calls.Where(c => c.Path.EndsWith("/messages", StringComparison.Ordinal) && c.Body?["to"]?.GetValue<string>() == to).Select(c => c.Body!)];

    /// <summary>What a person sees: text bodies and interactive bodies, in order.</summary>
    public List<string> TextsTo(string to) =>
        [.. MessagesTo(to).Select(m => m["type"]!.GetValue<string>() switch
        {
            "text" => m["text"]!["body"]!.GetValue<string>(),
            "interactive" => m["interactive"]!["body"]!["text"]!.GetValue<string>(),
            "template" => $"[template {m["template"]!["name"]}]",
            var t => $"[{t}]",
        })];

    public static (int, string) Error(int code, string message) =>
        (400, new JsonObject { ["error"] = new JsonObject { ["message"] = message, ["type"] = "OAuthException", ["code"] = code, ["fbtrace_id"] = "x" } }.ToJsonString());

    public async Task WaitForAsync(Func<FakeGraphApi, bool> condition, int seconds = 20)
    {
        var deadline = Deadline.In(TimeSpan.FromSeconds(seconds));
        while (!condition(this))
        {
            if (deadline.Passed)
            {
                throw new TimeoutException("Calls: " + string.Join(" | ", Calls.Select(c => c.RawBody)));
            }

            await Task.Delay(20);
        }
    }

    // ---- webhook payloads (Meta's documented shapes) ----

    public static string Text(string from, string wamid, string body, string name = "Siti") =>
        Envelope(from, name, new JsonObject { ["from"] = from, ["id"] = wamid, ["timestamp"] = "1767225600", ["type"] = "text", ["text"] = new JsonObject { ["body"] = body } });

    public static string ButtonReply(string from, string wamid, string id, string title) =>
        Envelope(from, "Siti", new JsonObject
        {
            ["context"] = new JsonObject { ["from"] = "15550783881", ["id"] = "wamid.ctx" },
            ["from"] = from,
            ["id"] = wamid,
            ["timestamp"] = "1767225600",
            ["type"] = "interactive",
            ["interactive"] = new JsonObject { ["type"] = "button_reply", ["button_reply"] = new JsonObject { ["id"] = id, ["title"] = title } },
        });

    public static string ListReply(string from, string wamid, string id, string title) =>
        Envelope(from, "Siti", new JsonObject
        {
            ["from"] = from,
            ["id"] = wamid,
            ["timestamp"] = "1767225600",
            ["type"] = "interactive",
            ["interactive"] = new JsonObject { ["type"] = "list_reply", ["list_reply"] = new JsonObject { ["id"] = id, ["title"] = title, ["description"] = "" } },
        });

    public static string Image(string from, string wamid, string mediaId, string caption) =>
        Envelope(from, "Siti", new JsonObject
        {
            ["from"] = from,
            ["id"] = wamid,
            ["timestamp"] = "1767225600",
            ["type"] = "image",
            ["image"] = new JsonObject { ["caption"] = caption, ["mime_type"] = "image/jpeg", ["sha256"] = "abc", ["id"] = mediaId },
        });

    public static string Sticker(string from, string wamid) =>
        Envelope(from, "Siti", new JsonObject
        {
            ["from"] = from,
            ["id"] = wamid,
            ["timestamp"] = "1767225600",
            ["type"] = "sticker",
            ["sticker"] = new JsonObject { ["mime_type"] = "image/webp", ["id"] = "st1", ["animated"] = false },
        });

    public static string Status(string recipient, string wamid, string status, long timestamp, int? errorCode = null)
    {
        var s = new JsonObject { ["id"] = wamid, ["status"] = status, ["timestamp"] = timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture), ["recipient_id"] = recipient };
        if (errorCode is { } code)
        {
            s["errors"] = new JsonArray(new JsonObject { ["code"] = code, ["title"] = "Re-engagement message", ["message"] = "Re-engagement message" });
        }

        return Value(new JsonObject { ["messaging_product"] = "whatsapp", ["metadata"] = Metadata(), ["statuses"] = new JsonArray(s) });
    }

    private static string Envelope(string from, string name, JsonObject message) =>
        Value(new JsonObject
        {
            ["messaging_product"] = "whatsapp",
            ["metadata"] = Metadata(),
            ["contacts"] = new JsonArray(new JsonObject { ["profile"] = new JsonObject { ["name"] = name }, ["wa_id"] = from }),
            ["messages"] = new JsonArray(message),
        });

    private static JsonObject Metadata() => new() { ["display_phone_number"] = "15550783881", ["phone_number_id"] = PhoneNumberId };

    private static string Value(JsonObject value) =>
        new JsonObject
        {
            ["object"] = "whatsapp_business_account",
            ["entry"] = new JsonArray(new JsonObject
            {
                ["id"] = "102290129340398",
                ["changes"] = new JsonArray(new JsonObject { ["value"] = value, ["field"] = "messages" }),
            }),
        }.ToJsonString();

    /// <summary>Meta's signature: sha256= + lowercase hex of HMAC-SHA256(raw body, app secret).</summary>
    public static string Sign(string body, string secret = AppSecret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(context));
        }
    }

    private async Task ServeAsync(HttpListenerContext context)
    {
        try
        {
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var raw = await reader.ReadToEndAsync();
            if (Latency > TimeSpan.Zero)
            {
                await Task.Delay(Latency);
            }

            var path = context.Request.Url!.AbsolutePath;
            var json = context.Request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true ? JsonNode.Parse(raw) : null;
            (int Status, string Json) response;
            string? wamid = null;
            if (context.Request.Headers["Authorization"] != $"Bearer {AccessToken}")
            {
                response = (401, new JsonObject { ["error"] = new JsonObject { ["code"] = 190, ["message"] = "Invalid OAuth access token" } }.ToJsonString());
            }
            else if (path == $"/{Version}/{PhoneNumberId}/media")
            {
                response = (200, new JsonObject { ["id"] = $"media-{Interlocked.Increment(ref _next)}" }.ToJsonString());
            }
            else if (path == $"/{Version}/{PhoneNumberId}/messages")
            {
                wamid = $"wamid.out{Interlocked.Increment(ref _next)}";
                response = Script?.Invoke(json) ?? (200, new JsonObject
                {
                    ["messaging_product"] = "whatsapp",
                    ["contacts"] = new JsonArray(new JsonObject { ["input"] = json?["to"]?.DeepClone(), ["wa_id"] = json?["to"]?.DeepClone() }),
                    ["messages"] = new JsonArray(new JsonObject { ["id"] = wamid }),
                }.ToJsonString());
            }
            else
            {
                response = (404, "{}");
            }

            Calls.Enqueue(new Call(path, context.Request.Headers["Authorization"], json, raw, response.Status == 200 ? wamid : null, TimeProvider.System.GetUtcNow().UtcDateTime));
            context.Response.StatusCode = response.Status;
            context.Response.ContentType = "application/json";
            var bytes = Encoding.UTF8.GetBytes(response.Json);
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
        catch (Exception)
        {
            // client went away
        }
    }

    public async ValueTask DisposeAsync()
    {
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
    }
}
