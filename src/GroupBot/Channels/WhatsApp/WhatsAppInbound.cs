using GroupBot.Chat;

namespace GroupBot.Channels.WhatsApp;

/// <summary>
/// A verified webhook payload → inbox entries (messages, deduplicated on the wamid) and delivery
/// news for the core (statuses, which may arrive out of order).
/// </summary>
public sealed class WhatsAppInbound(ChatProcessor processor, DeliveryReports reports, IServiceScopeFactory scopes, ILogger<WhatsAppInbound> logger)
{
    /// <summary>
    /// Records the payload. Returns false when a delivery failure names a message whose send is not
    /// recorded yet (the status raced the API answer): the webhook then asks Meta to deliver it again.
    /// </summary>
    public async Task<bool> HandleAsync(WebhookPayload payload, CancellationToken ct)
    {
        var complete = true;
        foreach (var value in (payload.Entry ?? []).SelectMany(e => e.Changes ?? []).Where(c => c.Field == "messages").Select(c => c.Value).OfType<WebhookValue>())
        {
            var names = (value.Contacts ?? []).Where(c => c.WaId is not null).GroupBy(c => c.WaId!).ToDictionary(g => g.Key, g => g.First().Profile?.Name);
            foreach (var message in value.Messages ?? [])
            {
                if (message.From is null || message.Id is null)
                {
                    continue;
                }

                var menu = await WhatsAppMenus.LoadAsync(scopes, message.From, ct);
                var incoming = WhatsAppTranslator.Translate(message, names.GetValueOrDefault(message.From), menu);
                if (incoming is not null)
                {
                    await processor.AcceptAsync(incoming, queue: true, ct);
                }
            }

            foreach (var status in value.Statuses ?? [])
            {
                if (WhatsAppTranslator.Translate(status) is not { } news)
                {
                    continue;
                }

                var outcome = await reports.ReportAsync(ChannelNames.WhatsApp, news, ct);
                if (outcome is DeliveryOutcome.Undelivered undelivered)
                {
                    logger.LogInformation("WhatsApp message {OutboxId} failed: {Error}", undelivered.OutboxId, undelivered.Error);
                }

                complete &= outcome is not DeliveryOutcome.NotYetKnown;
            }
        }

        return complete;
    }
}
