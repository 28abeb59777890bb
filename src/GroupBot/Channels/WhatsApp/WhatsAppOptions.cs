using System.ComponentModel.DataAnnotations;

namespace GroupBot.Channels.WhatsApp;

/// <summary>The "WhatsApp" settings section. The channel is on when AccessToken is set.</summary>
public sealed class WhatsAppOptions : IValidatableObject
{
    public const string Section = "WhatsApp";
    public const string DefaultApiBaseUrl = "https://graph.facebook.com";

    /// <summary>A system-user access token with whatsapp_business_messaging permission.</summary>
    public string? AccessToken { get; set; }

    /// <summary>The business number's id in Meta's WhatsApp Manager (not the phone number itself).</summary>
    public string? PhoneNumberId { get; set; }

    /// <summary>The app secret: webhooks are signed with it (X-Hub-Signature-256).</summary>
    public string? AppSecret { get; set; }

    /// <summary>Any string you choose; Meta echoes it in the webhook verification handshake.</summary>
    public string? VerifyToken { get; set; }

    [Required]
    public string ApiBaseUrl { get; set; } = DefaultApiBaseUrl;

    /// <summary>Graph API version, pinned: e.g. v24.0.</summary>
    [RegularExpression(@"^v\d+\.\d+$")]
    public string ApiVersion { get; set; } = "v24.0";

    /// <summary>GroupBot template name (MeetingReminder, …) → the name approved in Meta's manager, in languages id and en.</summary>
    public Dictionary<string, string> Templates { get; set; } = [];

    /// <summary>
    /// The longest one Cloud API call may take before it counts as failed and is retried later;
    /// after five such failures in a row calls pause for 30 s (<see cref="Chat.ChannelHttpGuard"/>).
    /// </summary>
    [Range(1, 120)]
    public int SendTimeoutSeconds { get; set; } = 20;

    /// <summary>Cloud API throughput per business number: 80 messages per second by default.</summary>
    [Range(1, 1000)]
    public int MaxPerSecond { get; set; } = 80;

    /// <summary>Pair rate limit: about one message every 6 seconds to one person (error 131056); applied to bulk messages.</summary>
    [Range(0, 600)]
    public int MinSecondsBetweenBulkToOnePerson { get; set; } = 6;

    public bool Enabled => !string.IsNullOrWhiteSpace(AccessToken);

    /// <summary>The approved name for a GroupBot template, or null when none is configured.</summary>
    public string? TemplateName(string name) => Templates.TryGetValue(name, out var approved) && !string.IsNullOrWhiteSpace(approved) ? approved : null;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled)
        {
            yield break;
        }

        if (string.IsNullOrWhiteSpace(PhoneNumberId) || !PhoneNumberId.All(char.IsAsciiDigit))
        {
            yield return new ValidationResult("WhatsApp:PhoneNumberId must be the number's id (digits) from WhatsApp Manager.", [nameof(PhoneNumberId)]);
        }

        if (string.IsNullOrWhiteSpace(AppSecret))
        {
            yield return new ValidationResult("WhatsApp:AppSecret is required to check webhook signatures.", [nameof(AppSecret)]);
        }

        if (string.IsNullOrWhiteSpace(VerifyToken))
        {
            yield return new ValidationResult("WhatsApp:VerifyToken is required for the webhook handshake.", [nameof(VerifyToken)]);
        }

        if (!Uri.TryCreate(ApiBaseUrl, UriKind.Absolute, out _))
        {
            yield return new ValidationResult("WhatsApp:ApiBaseUrl must be an absolute URL, e.g. https://graph.facebook.com.", [nameof(ApiBaseUrl)]);
        }

        foreach (var name in Templates.Keys.Where(k => !Chat.Templates.All.Contains(k)))
        {
            yield return new ValidationResult($"WhatsApp:Templates:{name} is not a GroupBot template; use one of {string.Join(", ", Chat.Templates.All)}.", [nameof(Templates)]);
        }
    }
}
