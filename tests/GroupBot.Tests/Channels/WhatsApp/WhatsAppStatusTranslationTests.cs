using System.Text.Json;
using GroupBot.Channels.WhatsApp;
using GroupBot.Chat;

namespace GroupBot.Tests.Channels.WhatsApp;

/// <summary>
/// Statuses as Meta posts them (webhooks/reference/messages/status) → the neutral delivery news the
/// core decides on. The channel classifies; it sets no row's status.
/// </summary>
public sealed class WhatsAppStatusTranslationTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    private static readonly DateTime At = DateTimeOffset.FromUnixTimeSeconds(1767225610).UtcDateTime;

    private static DeliveryNews? Translate(string status) => WhatsAppTranslator.Translate(JsonSerializer.Deserialize<WebhookStatus>(status, Json)!);

    [Theory]
    [InlineData("sent", DeliveryStage.Sent)]
    [InlineData("delivered", DeliveryStage.Delivered)]
    [InlineData("read", DeliveryStage.Read)]
    public void Progress_becomes_the_stage_it_names(string status, DeliveryStage stage)
    {
        var news = Translate($$"""{"id":"wamid.1","status":"{{status}}","timestamp":"1767225610","recipient_id":"6281234567890"}""");

        Assert.Equal(new DeliveryNews.Reached("wamid.1", stage, At), news);
    }

    public static TheoryData<string, SendResult> Failures => new()
    {
        { """[{"code":131047,"title":"Re-engagement message"}]""", new SendResult.Waiting("131047 Re-engagement message") },
        { """[{"code":130429,"title":"Rate limit hit"}]""", new SendResult.Transient("130429 Rate limit hit") },
        { """[{"code":131056,"title":"(Business Account, Consumer Account) pair rate limit hit"}]""", new SendResult.Transient("131056 (Business Account, Consumer Account) pair rate limit hit") },
        { """[{"code":131026,"title":"Message undeliverable"}]""", new SendResult.Permanent("131026 Message undeliverable") },
        { """[{"code":131000,"title":"Something went wrong"},{"code":130429,"title":"Rate limit hit"}]""", new SendResult.Permanent("131000 Something went wrong") },
        { "[]", new SendResult.Permanent("failed") },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void A_failure_is_classified_as_the_sender_classifies_a_refused_send(string errors, SendResult outcome)
    {
        var news = Translate($$"""{"id":"wamid.1","status":"failed","timestamp":"1767225610","errors":{{errors}}}""");

        Assert.Equal(new DeliveryNews.Failed("wamid.1", outcome, At), news);
    }

    [Fact]
    public void A_failure_without_errors_is_permanent()
    {
        var news = Translate("""{"id":"wamid.1","status":"failed","timestamp":"1767225610"}""");

        Assert.Equal(new DeliveryNews.Failed("wamid.1", new SendResult.Permanent("failed"), At), news);
    }

    [Fact]
    public void A_timestamp_that_is_not_unix_seconds_leaves_the_time_to_the_core()
    {
        var news = Translate("""{"id":"wamid.1","status":"delivered","timestamp":"2026-12-04T08:00:00Z"}""");

        Assert.Equal(new DeliveryNews.Reached("wamid.1", DeliveryStage.Delivered, null), news);
    }

    [Theory]
    [InlineData("""{"status":"delivered","timestamp":"1767225610"}""")]
    [InlineData("""{"id":"wamid.1","timestamp":"1767225610"}""")]
    [InlineData("""{"id":"wamid.1","status":"deleted","timestamp":"1767225610"}""")]
    public void A_status_without_an_id_or_of_a_kind_not_followed_is_no_news(string status) => Assert.Null(Translate(status));
}
