using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GroupBot.Chat;
using GroupBot.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GroupBot.Channels.WhatsApp;

/// <summary>
/// Renders a neutral <see cref="OutgoingMessage"/> for the Cloud API (reply buttons, lists, numbered
/// menus, media uploads), keeps to the 24-hour window (templates outside it, or wait), and maps
/// Cloud API errors to what the dispatcher should do.
/// </summary>
public sealed class WhatsAppSender(
    HttpClient http,
    SendRateLimiter limiter,
    IServiceScopeFactory scopes,
    TimeProvider time,
    IOptions<WhatsAppOptions> options,
    ILogger<WhatsAppSender> logger) : IChannelSender, ITemplateSender
{
    /// <summary>Reply buttons: at most 3, titles at most 20 characters and unique.</summary>
    public const int MaxReplyButtons = 3;
    public const int MaxButtonTitle = 20;

    /// <summary>List messages: at most 10 rows in all; row title 24, description 72; row id 200.</summary>
    public const int MaxListRows = 10;
    public const int MaxRowTitle = 24;
    public const int MaxRowDescription = 72;
    public const int MaxRowId = 200;

    /// <summary>Interactive body at most 1024 characters; a text message at most 4096.</summary>
    public const int MaxInteractiveBody = 1024;
    public const int MaxTextBody = 4096;

    /// <summary>The customer service window: free-form messages only within 24 hours of the person's last message.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    public string Channel => ChannelNames.WhatsApp;

    public bool HasTemplateFor(OutgoingMessage message) => ApprovedTemplate(message) is not null;

    /// <summary>The name Meta approved for the message's template, or null when it has none or none is configured.</summary>
    private string? ApprovedTemplate(OutgoingMessage message) => message.Template is { } t ? options.Value.TemplateName(t.Name) : null;

    /// <summary>The number's throughput (80 a second), and a pause between bulk messages to one person.</summary>
    public RateWait? TryReserve(SendContext to)
    {
        var o = options.Value;
        var rules = new List<RateRule> { new("wa", o.MaxPerSecond, TimeSpan.FromSeconds(1), WholeChannel: true) };
        if (to.Priority == OutboxPriority.Bulk && o.MinSecondsBetweenBulkToOnePerson > 0)
        {
            rules.Add(new RateRule($"wa:bulk:{to.ChatId}", 1, TimeSpan.FromSeconds(o.MinSecondsBetweenBulkToOnePerson)));
        }

        return limiter.TryAcquire(rules, to.Priority);
    }

    public async Task<SendResult> SendAsync(SendContext to, OutgoingMessage message, CancellationToken ct)
    {
        try
        {
            if (to.UseTemplate || !await WindowOpenAsync(to.ChatId, ct))
            {
                return await SendTemplateOrWaitAsync(to, message, ct);
            }

            var result = await SendFreeFormAsync(to.ChatId, message, ct);
            if (result is SendResult.Permanent { Reason: var reason } && reason.StartsWith($"{WhatsAppErrors.ReEngagement}", StringComparison.Ordinal))
            {
                // The window closed after all (our clock and Meta's disagree): fall back at once.
                return await SendTemplateOrWaitAsync(to, message, ct);
            }

            return result;
        }
        catch (HttpRequestException ex)
        {
            return new SendResult.Transient(ex.Message);
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return new SendResult.Transient("timeout");
        }
    }

    /// <summary>The window is open while her last message (in the inbox, known or not yet joined) is under 24 hours old.</summary>
    private async Task<bool> WindowOpenAsync(string chatId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var key = $"{ChannelNames.WhatsApp}:{chatId}";
        var last = await scope.ServiceProvider.GetRequiredService<GroupBotDb>().Inbox
            .Where(e => e.ChatKey == key)
            .MaxAsync(e => (DateTime?)e.ReceivedUtc, ct);
        return last is { } at && at > time.GetUtcNow().UtcDateTime - Window;
    }

    private async Task<SendResult> SendTemplateOrWaitAsync(SendContext to, OutgoingMessage message, CancellationToken ct)
    {
        if (message.Template is not { } template || ApprovedTemplate(message) is not { } approved)
        {
            return new SendResult.Waiting("24-hour window closed: waiting for the person to write");
        }

        var payload = Envelope(to.ChatId, "template");
        payload["template"] = new JsonObject
        {
            ["name"] = approved,
            ["language"] = new JsonObject { ["code"] = template.Language },
            ["components"] = new JsonArray(new JsonObject
            {
                ["type"] = "body",
                ["parameters"] = new JsonArray([.. template.Parameters.Select(p => (JsonNode)new JsonObject { ["type"] = "text", ["text"] = p })]),
            }),
        };
        return await PostAsync(payload, to.Attempts, ct);
    }

    private async Task<SendResult> SendFreeFormAsync(string chatId, OutgoingMessage message, CancellationToken ct)
    {
        if (message.Photo is { } photo)
        {
            return await SendMediaAsync(chatId, "image", photo, message.Text, ct);
        }

        if (message.Document is { } document)
        {
            return await SendMediaAsync(chatId, "document", document, message.Text, ct);
        }

        var choices = message.Choices;
        var numbered = choices.Count > MaxListRows || choices.Any(c => c.Id.Length > MaxRowId);
        if (choices.Count == 0 || numbered)
        {
            var text = numbered ? NumberedMenu(message.Text, choices) : message.Text;
            await WhatsAppMenus.SaveAsync(scopes, chatId, numbered ? [.. choices.Select(c => c.Id)] : null, time.GetUtcNow().UtcDateTime, ct);
            return await SendTextsAsync(chatId, text, ct);
        }

        await WhatsAppMenus.SaveAsync(scopes, chatId, null, time.GetUtcNow().UtcDateTime, ct);
        // An interactive body is at most 1024 characters: longer text goes first as plain text.
        var body = message.Text;
        if (body.Length > MaxInteractiveBody)
        {
            var parts = Words.SplitAtLines(body, MaxInteractiveBody);
            var lead = await SendTextsAsync(chatId, string.Join('\n', parts.Take(parts.Count - 1)), ct);
            if (lead is not SendResult.Sent)
            {
                return lead;
            }

            body = parts[^1];
        }

        var payload = Envelope(chatId, "interactive");
        payload["interactive"] = choices.Count <= MaxReplyButtons ? Buttons(body, choices) : List(body, choices);
        return await PostAsync(payload, 0, ct);
    }

    private async Task<SendResult> SendTextsAsync(string chatId, string text, CancellationToken ct)
    {
        SendResult result = new SendResult.Sent(null);
        foreach (var part in Words.SplitAtLines(text, MaxTextBody))
        {
            var payload = Envelope(chatId, "text");
            payload["text"] = new JsonObject { ["preview_url"] = false, ["body"] = part };
            result = await PostAsync(payload, 0, ct);
            if (result is not SendResult.Sent)
            {
                return result;
            }
        }

        return result;
    }

    private async Task<SendResult> SendMediaAsync(string chatId, string type, OutgoingFile file, string caption, CancellationToken ct)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent("whatsapp"), "messaging_product" },
            { new StringContent(file.ContentType), "type" },
        };
        var content = new ByteArrayContent(file.Content);
        content.Headers.ContentType = new MediaTypeHeaderValue(file.ContentType);
        form.Add(content, "file", file.FileName);
        using var upload = await http.SendAsync(Request(HttpMethod.Post, "media", form), ct);
        var uploaded = await ReadAsync(upload, ct);
        if (!upload.IsSuccessStatusCode)
        {
            return Map(uploaded, (int)upload.StatusCode, 0);
        }

        var payload = Envelope(chatId, type);
        var media = new JsonObject { ["id"] = uploaded?["id"]?.GetValue<string>() };
        if (caption.Length > 0)
        {
            media["caption"] = caption.Length <= MaxInteractiveBody ? caption : caption[..MaxInteractiveBody];
        }

        if (type == "document")
        {
            media["filename"] = file.FileName;
        }

        payload[type] = media;
        return await PostAsync(payload, 0, ct);
    }

    private static JsonObject Buttons(string body, IReadOnlyList<Choice> choices)
    {
        var titles = UniqueTitles(choices, MaxButtonTitle);
        return new JsonObject
        {
            ["type"] = "button",
            ["body"] = new JsonObject { ["text"] = body },
            ["action"] = new JsonObject
            {
                ["buttons"] = new JsonArray([.. choices.Select((c, i) => (JsonNode)new JsonObject
                {
                    ["type"] = "reply",
                    ["reply"] = new JsonObject { ["id"] = c.Id, ["title"] = titles[i] },
                })]),
            },
        };
    }

    private static JsonObject List(string body, IReadOnlyList<Choice> choices)
    {
        var titles = UniqueTitles(choices, MaxRowTitle);
        return new JsonObject
        {
            ["type"] = "list",
            ["body"] = new JsonObject { ["text"] = body },
            ["action"] = new JsonObject
            {
                ["button"] = "Pilih / Choose",
                ["sections"] = new JsonArray(new JsonObject
                {
                    ["rows"] = new JsonArray([.. choices.Select((c, i) =>
                    {
                        var row = new JsonObject { ["id"] = c.Id, ["title"] = titles[i] };
                        if (c.Label.Length > MaxRowTitle)
                        {
                            // The whole label stays readable in the description.
                            row["description"] = Truncate(c.Label, MaxRowDescription);
                        }

                        return (JsonNode)row;
                    })]),
                }),
            },
        };
    }

    /// <summary>Titles within the limit and unique within the message (Meta refuses duplicates).</summary>
    public static List<string> UniqueTitles(IReadOnlyList<Choice> choices, int max)
    {
        var titles = new List<string>();
        foreach (var choice in choices)
        {
            var title = Truncate(choice.Label, max);
            for (var n = 2; titles.Contains(title); n++)
            {
                var suffix = $" {n}";
                title = Truncate(choice.Label, max - suffix.Length) + suffix;
            }

            titles.Add(title);
        }

        return titles;
    }

    public static string NumberedMenu(string text, IReadOnlyList<Choice> choices)
    {
        var sb = new StringBuilder(text);
        for (var i = 0; i < choices.Count; i++)
        {
            sb.Append('\n').Append(i + 1).Append(". ").Append(choices[i].Label);
        }

        return sb.ToString();
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");

    private static JsonObject Envelope(string to, string type) => new()
    {
        ["messaging_product"] = "whatsapp",
        ["recipient_type"] = "individual",
        ["to"] = to,
        ["type"] = type,
    };

    private HttpRequestMessage Request(HttpMethod method, string path, HttpContent content)
    {
        var o = options.Value;
        var request = new HttpRequestMessage(method, $"{o.ApiBaseUrl.TrimEnd('/')}/{o.ApiVersion}/{o.PhoneNumberId}/{path}") { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", o.AccessToken);
        return request;
    }

    private async Task<SendResult> PostAsync(JsonObject payload, int attempts, CancellationToken ct)
    {
        using var response = await http.SendAsync(Request(HttpMethod.Post, "messages", JsonContent.Create(payload)), ct);
        var json = await ReadAsync(response, ct);
        if (response.IsSuccessStatusCode)
        {
            return new SendResult.Sent(json?["messages"]?[0]?["id"]?.GetValue<string>());
        }

        return Map(json, (int)response.StatusCode, attempts);
    }

    private static async Task<JsonNode?> ReadAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            return JsonNode.Parse(await response.Content.ReadAsStringAsync(ct));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Meta: branch on error.code, not on the HTTP status or the title.</summary>
    private SendResult Map(JsonNode? json, int httpStatus, int attempts)
    {
        var error = json?["error"];
        var code = error?["code"]?.GetValue<int>() ?? 0;
        var reason = $"{code} {error?["message"]?.GetValue<string>() ?? $"HTTP {httpStatus}"}";
        if (code == WhatsAppErrors.PairRateLimit)
        {
            return new SendResult.Transient(reason, WhatsAppErrors.PairRateLimitBackoff(attempts));
        }

        if (WhatsAppErrors.IsThrottling(code) || httpStatus >= 500 || code == 0 && httpStatus == 429)
        {
            return new SendResult.Transient(reason);
        }

        if (code == WhatsAppErrors.AuthExpired || httpStatus == 401)
        {
            logger.LogError("WhatsApp rejected the access token ({Code}); messages wait until it is replaced", code);
            return new SendResult.Transient(reason, TimeSpan.FromMinutes(5));
        }

        return new SendResult.Permanent(reason, Unreachable: code == WhatsAppErrors.Undeliverable);
    }
}
