using GroupBot.Chat;

namespace GroupBot.Channels.WhatsApp;

/// <summary>Cloud API error codes GroupBot acts on (Meta: whatsapp/cloud-api/support/error-codes).</summary>
public static class WhatsAppErrors
{
    /// <summary>Re-engagement: more than 24 hours since the person last wrote.</summary>
    public const int ReEngagement = 131047;

    /// <summary>Cloud API throughput exceeded.</summary>
    public const int RateLimit = 130429;

    /// <summary>(Business, consumer) pair rate limit: too many messages to one person.</summary>
    public const int PairRateLimit = 131056;

    public const int SpamRateLimit = 131048;
    public const int Maintenance = 131057;
    public const int AppRateLimit = 4;
    public const int AccountRateLimit = 80007;

    /// <summary>Access token expired or invalid.</summary>
    public const int AuthExpired = 190;

    /// <summary>The number is not on WhatsApp, or cannot receive this message.</summary>
    public const int Undeliverable = 131026;

    public static bool IsThrottling(int code) => code is RateLimit or PairRateLimit or SpamRateLimit or Maintenance or AppRateLimit or AccountRateLimit;

    /// <summary>Meta: back off 4^X seconds (1, 4, 16, 64 …) for the pair limit, X the attempts made before.</summary>
    public static TimeSpan PairRateLimitBackoff(int attempts) =>
        ExponentialBackoff.Delay(attempts + 1, TimeSpan.FromSeconds(1), 4, TimeSpan.FromHours(1));

    /// <summary>
    /// A failed status's error, in the words the sender uses for a refused send: her window closed
    /// (wait, or use the template), throttled after acceptance (try again), anything else (never).
    /// </summary>
    public static SendResult ClassifyFailedStatus(WebhookError? error)
    {
        if (error is null)
        {
            return new SendResult.Permanent("failed");
        }

        var reason = $"{error.Code} {error.Title}";
        return error.Code switch
        {
            ReEngagement => new SendResult.Waiting(reason),
            var code when IsThrottling(code) => new SendResult.Transient(reason),
            _ => new SendResult.Permanent(reason),
        };
    }
}
