using System.ComponentModel.DataAnnotations;

namespace GroupBot.Channels.Telegram;

public enum TelegramMode
{
    /// <summary>getUpdates long polling: needs no public URL; one process only.</summary>
    Polling,

    /// <summary>Telegram posts updates to /webhooks/telegram: needs a public HTTPS URL.</summary>
    Webhook,
}

/// <summary>The "Telegram" settings section. The channel is on when BotToken is set.</summary>
public sealed class TelegramOptions : IValidatableObject
{
    public const string Section = "Telegram";
    public const string DefaultApiBaseUrl = "https://api.telegram.org";

    /// <summary>From BotFather: "123456789:AA…".</summary>
    public string? BotToken { get; set; }

    /// <summary>The Bot API server; a self-hosted Bot API server, or the tests' loopback fake.</summary>
    [Required]
    public string ApiBaseUrl { get; set; } = DefaultApiBaseUrl;

    public TelegramMode Mode { get; set; } = TelegramMode.Polling;

    /// <summary>Public HTTPS URL Telegram posts to, ending in /webhooks/telegram (Webhook mode).</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>1–256 characters of A–Z, a–z, 0–9, _ and -; Telegram sends it back in X-Telegram-Bot-Api-Secret-Token.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>
    /// The longest one Bot API call (a send) may take before it counts as failed and is retried
    /// later; after five such failures in a row calls pause for 30 s (<see cref="Chat.ChannelHttpGuard"/>).
    /// </summary>
    [Range(1, 120)]
    public int SendTimeoutSeconds { get; set; } = 20;

    /// <summary>Long-poll wait in seconds for getUpdates.</summary>
    [Range(0, 50)]
    public int PollTimeoutSeconds { get; set; } = 25;

    /// <summary>Telegram: about one message per second to one chat.</summary>
    [Range(1, 100)]
    public int MaxPerChatPerSecond { get; set; } = 1;

    /// <summary>Telegram: at most 20 messages per minute to one group chat.</summary>
    [Range(1, 1000)]
    public int MaxPerGroupPerMinute { get; set; } = 20;

    /// <summary>Telegram: about 30 messages per second overall (higher only against a self-hosted or fake Bot API).</summary>
    [Range(1, 100_000)]
    public int MaxPerSecond { get; set; } = 30;

    public bool Enabled => !string.IsNullOrWhiteSpace(BotToken);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled)
        {
            yield break;
        }

        if (!System.Text.RegularExpressions.Regex.IsMatch(BotToken!, @"^\d{1,16}:[A-Za-z0-9_-]+$"))
        {
            yield return new ValidationResult("Telegram:BotToken does not look like a BotFather token (digits, a colon, then letters).", [nameof(BotToken)]);
        }

        if (!Uri.TryCreate(ApiBaseUrl, UriKind.Absolute, out _))
        {
            yield return new ValidationResult("Telegram:ApiBaseUrl must be an absolute URL, e.g. https://api.telegram.org.", [nameof(ApiBaseUrl)]);
        }

        if (Mode == TelegramMode.Webhook)
        {
            if (!Uri.TryCreate(WebhookUrl, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttps)
            {
                yield return new ValidationResult("Telegram:WebhookUrl must be a public https:// URL in Webhook mode.", [nameof(WebhookUrl)]);
            }

            if (WebhookSecret is null || !System.Text.RegularExpressions.Regex.IsMatch(WebhookSecret, "^[A-Za-z0-9_-]{1,256}$"))
            {
                yield return new ValidationResult("Telegram:WebhookSecret must be 1-256 characters of A-Z, a-z, 0-9, _ and - in Webhook mode.", [nameof(WebhookSecret)]);
            }
        }
    }
}
