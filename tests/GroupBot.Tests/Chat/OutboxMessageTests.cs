using GroupBot.Chat;

namespace GroupBot.Tests.Chat;

/// <summary>An outbox row's lifecycle, on plain objects: every move it has, and the ones it refuses.</summary>
public sealed class OutboxMessageTests
{
    private static readonly DateTime Now = new(2026, 12, 4, 8, 0, 0, DateTimeKind.Utc);

    private static OutboxMessage Reply() => Outbox.Row("whatsapp", "6281234567890", OutgoingMessage.Plain("Terima kasih"), OutboxPriority.Reply, Now);

    private static OutboxMessage Reminder() =>
        Outbox.Row("whatsapp", "6281234567890", OutgoingMessage.Plain("Pengingat"), OutboxPriority.Bulk, Now, deliveryKey: "meeting:1:20261204:day:1400:p1");

    private static OutboxMessage SentReply(string externalId = "wamid.1")
    {
        var row = Reply();
        row.MarkSent(externalId, Now);
        return row;
    }

    private static OutboxMessage InState(OutboxStatus status)
    {
        var row = Reminder();
        switch (status)
        {
            case OutboxStatus.Sending:
                row.MarkSending();
                break;
            case OutboxStatus.Sent:
                row.MarkSending();
                row.MarkSent("wamid.1", Now);
                break;
            case OutboxStatus.Waiting:
                row.MarkSending();
                row.Hold("window closed");
                break;
            case OutboxStatus.Failed:
                row.MarkSending();
                row.Fail("blocked");
                break;
        }

        Assert.Equal(status, row.Status);
        return row;
    }

    [Fact]
    public void A_new_row_is_pending_and_due_at_once()
    {
        var row = Reply();

        Assert.Equal((OutboxStatus.Pending, 0, Now, Now), (row.Status, row.Attempts, row.CreatedUtc, row.NextAttemptUtc));
        Assert.Equal("Terima kasih", Outbox.Read(row).Text);
    }

    [Fact]
    public void A_sent_reply_records_its_external_id_and_forgets_the_last_error()
    {
        var row = Reply();
        row.Retry("503 Service Unavailable", Now.AddSeconds(2));

        row.MarkSent("wamid.1", Now.AddSeconds(2));

        Assert.Equal((OutboxStatus.Sent, 2, "wamid.1", (DateTime?)Now.AddSeconds(2), (string?)null),
            (row.Status, row.Attempts, row.ExternalId, row.SentUtc, row.LastError));
    }

    [Fact]
    public void A_keyed_message_is_marked_sending_before_its_outcome()
    {
        var row = Reminder();

        row.MarkSending();
        row.MarkSent("wamid.9", Now);

        Assert.Equal((OutboxStatus.Sent, 1), (row.Status, row.Attempts));
    }

    [Fact]
    public void A_keyed_message_cannot_record_an_outcome_without_being_marked_sending()
    {
        var row = Reminder();

        var error = Assert.Throws<InvalidOperationException>(() => row.MarkSent("wamid.9", Now));

        Assert.Contains("from Pending to Sent", error.Message, StringComparison.Ordinal);
        Assert.Contains("delivery key", error.Message, StringComparison.Ordinal);
        Assert.Equal(OutboxStatus.Pending, row.Status);
    }

    [Fact]
    public void A_retry_counts_the_attempt_and_waits()
    {
        var row = InState(OutboxStatus.Sending);

        row.Retry("timeout", Now.AddSeconds(4));

        Assert.Equal((OutboxStatus.Pending, 1, Now.AddSeconds(4), "timeout"), (row.Status, row.Attempts, row.NextAttemptUtc, row.LastError));
    }

    [Fact]
    public void A_throttle_waits_without_counting_an_attempt()
    {
        var row = InState(OutboxStatus.Sending);

        row.Throttle(Now.AddSeconds(6));

        Assert.Equal((OutboxStatus.Pending, 0, Now.AddSeconds(6), (string?)null), (row.Status, row.Attempts, row.NextAttemptUtc, row.LastError));
    }

    [Fact]
    public void A_held_message_waits_for_her_and_is_released_free_form_when_she_writes()
    {
        var row = Reply();
        row.Hold("24-hour window closed: waiting for the person to write");
        Assert.Equal((OutboxStatus.Waiting, 1), (row.Status, row.Attempts));

        row.Release(Now.AddDays(3));

        Assert.Equal((OutboxStatus.Pending, Now.AddDays(3), false), (row.Status, row.NextAttemptUtc, row.UseTemplate));
    }

    [Fact]
    public void A_failed_message_keeps_its_reason()
    {
        var row = Reply();

        row.Fail("403 Forbidden: bot was blocked by the user");

        Assert.Equal((OutboxStatus.Failed, 1, "403 Forbidden: bot was blocked by the user"), (row.Status, row.Attempts, row.LastError));
    }

    [Fact]
    public void A_message_found_mid_send_at_start_is_failed_as_interrupted_without_another_attempt()
    {
        var row = InState(OutboxStatus.Sending);

        row.Interrupt();

        Assert.Equal((OutboxStatus.Failed, 0, OutboxDispatcher.InterruptedError), (row.Status, row.Attempts, row.LastError));
    }

    /// <summary>Every transition, the states it starts from (for a keyed message), and where it goes.</summary>
    private static readonly Dictionary<string, (OutboxStatus[] From, OutboxStatus To, Action<OutboxMessage> Move)> Transitions = new()
    {
        ["MarkSending"] = ([OutboxStatus.Pending], OutboxStatus.Sending, r => r.MarkSending()),
        ["MarkSent"] = ([OutboxStatus.Sending], OutboxStatus.Sent, r => r.MarkSent("wamid.2", Now)),
        ["Retry"] = ([OutboxStatus.Sending], OutboxStatus.Pending, r => r.Retry("timeout", Now)),
        ["Throttle"] = ([OutboxStatus.Sending], OutboxStatus.Pending, r => r.Throttle(Now)),
        ["Hold"] = ([OutboxStatus.Sending], OutboxStatus.Waiting, r => r.Hold("window closed")),
        ["Fail"] = ([OutboxStatus.Sending], OutboxStatus.Failed, r => r.Fail("blocked")),
        ["Interrupt"] = ([OutboxStatus.Sending], OutboxStatus.Failed, r => r.Interrupt()),
        ["Release"] = ([OutboxStatus.Waiting], OutboxStatus.Pending, r => r.Release(Now)),
        ["ResendAsTemplateOrHoldUndelivered"] = ([OutboxStatus.Sent], OutboxStatus.Pending, r => r.ResendAsTemplateOrHoldUndelivered("131047 Re-engagement message", Now, Now, templateAvailable: true)),
        ["RetryUndelivered"] = ([OutboxStatus.Sent], OutboxStatus.Pending, r => r.RetryUndelivered("130429 Rate limit hit", Now, Now)),
        ["FailUndelivered"] = ([OutboxStatus.Sent], OutboxStatus.Failed, r => r.FailUndelivered("131026 Message undeliverable", Now)),
    };

    public static TheoryData<string, OutboxStatus> Allowed =>
        [.. Transitions.SelectMany(t => t.Value.From.Select(from => (t.Key, from)))];

    public static TheoryData<string, OutboxStatus> Refused =>
        [.. Transitions.SelectMany(t => Enum.GetValues<OutboxStatus>().Except(t.Value.From).Select(from => (t.Key, from)))];

    [Theory]
    [MemberData(nameof(Allowed))]
    public void A_transition_goes_where_it_says_from_where_it_starts(string transition, OutboxStatus from)
    {
        var row = InState(from);

        Transitions[transition].Move(row);

        Assert.Equal(Transitions[transition].To, row.Status);
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public void A_transition_from_anywhere_else_is_refused_naming_both_states_and_changes_nothing(string transition, OutboxStatus from)
    {
        var row = InState(from);
        var before = (row.Status, row.Attempts, row.NextAttemptUtc, row.LastError, row.UseTemplate, row.ChannelStatus);

        var error = Assert.Throws<InvalidOperationException>(() => Transitions[transition].Move(row));

        Assert.Contains($"from {from} to {Transitions[transition].To}", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, (row.Status, row.Attempts, row.NextAttemptUtc, row.LastError, row.UseTemplate, row.ChannelStatus));
    }

    [Fact]
    public void Delivery_news_only_moves_forward_whatever_order_it_arrives_in()
    {
        var row = SentReply();

        var taken = new[]
        {
            row.Reached(DeliveryStage.Delivered, Now.AddSeconds(10)),
            row.Reached(DeliveryStage.Sent, Now.AddSeconds(5)),
            row.Reached(DeliveryStage.Read, Now.AddSeconds(20)),
            row.Reached(DeliveryStage.Delivered, Now.AddSeconds(10)),
        };

        Assert.Equal([true, false, true, false], taken);
        Assert.Equal(("read", (DateTime?)Now.AddSeconds(20), OutboxStatus.Sent), (row.ChannelStatus, row.ChannelStatusUtc, row.Status));
    }

    [Fact]
    public void A_closed_window_reported_later_sends_the_message_again_as_its_template()
    {
        var row = SentReply();

        row.ResendAsTemplateOrHoldUndelivered("131047 Re-engagement message", Now.AddSeconds(3), Now.AddSeconds(4), templateAvailable: true);

        Assert.Equal((OutboxStatus.Pending, true, Now.AddSeconds(4), "131047 Re-engagement message"), (row.Status, row.UseTemplate, row.NextAttemptUtc, row.LastError));
        Assert.Equal(("failed", (DateTime?)Now.AddSeconds(3)), (row.ChannelStatus, row.ChannelStatusUtc));
    }

    [Fact]
    public void A_closed_window_reported_later_holds_the_message_when_there_is_no_template()
    {
        var row = SentReply();

        row.ResendAsTemplateOrHoldUndelivered("131047 Re-engagement message", Now, Now, templateAvailable: false);

        Assert.Equal((OutboxStatus.Waiting, false), (row.Status, row.UseTemplate));
    }

    [Fact]
    public void A_template_refused_for_a_closed_window_waits_for_her()
    {
        var row = SentReply();
        row.ResendAsTemplateOrHoldUndelivered("131047 Re-engagement message", Now, Now, templateAvailable: true);
        row.MarkSent("wamid.template", Now.AddSeconds(7));

        row.ResendAsTemplateOrHoldUndelivered("131047 Re-engagement message", Now.AddSeconds(8), Now.AddSeconds(8), templateAvailable: true);

        Assert.Equal((OutboxStatus.Waiting, 2), (row.Status, row.Attempts));
    }

    [Fact]
    public void A_throttle_reported_later_retries_without_counting_an_attempt()
    {
        var row = SentReply();

        row.RetryUndelivered("130429 Rate limit hit", Now, Now.AddSeconds(2));

        Assert.Equal((OutboxStatus.Pending, 1, Now.AddSeconds(2), "130429 Rate limit hit"), (row.Status, row.Attempts, row.NextAttemptUtc, row.LastError));
    }

    [Fact]
    public void Any_other_failure_reported_later_fails_the_message()
    {
        var row = SentReply();

        row.FailUndelivered("131026 Message undeliverable", Now);

        Assert.Equal((OutboxStatus.Failed, "131026 Message undeliverable", "failed"), (row.Status, row.LastError, row.ChannelStatus));
    }

    [Fact]
    public void A_failure_reported_after_delivery_is_stale()
    {
        var row = SentReply();
        row.Reached(DeliveryStage.Delivered, Now);

        Assert.False(row.TakesDeliveryFailure);
        var error = Assert.Throws<InvalidOperationException>(() => row.FailUndelivered("131000 Something went wrong", Now));
        Assert.Contains("from Sent to Failed", error.Message, StringComparison.Ordinal);
        Assert.Equal((OutboxStatus.Sent, "delivered"), (row.Status, row.ChannelStatus));
    }

    [Fact]
    public void A_failure_reported_again_after_the_core_acted_on_it_is_stale()
    {
        var row = SentReply();
        row.ResendAsTemplateOrHoldUndelivered("131047 Re-engagement message", Now, Now, templateAvailable: true);

        Assert.False(row.TakesDeliveryFailure);
        Assert.Throws<InvalidOperationException>(() => row.ResendAsTemplateOrHoldUndelivered("131047 Re-engagement message", Now, Now, templateAvailable: true));
        Assert.Equal((OutboxStatus.Pending, true), (row.Status, row.UseTemplate));
    }

    [Fact]
    public void A_sent_message_whose_earlier_send_failed_still_takes_a_failure_of_its_new_send()
    {
        var row = SentReply("wamid.1");
        row.RetryUndelivered("130429 Rate limit hit", Now, Now.AddSeconds(2));
        row.MarkSent("wamid.2", Now.AddSeconds(2));

        Assert.True(row.TakesDeliveryFailure);
        row.FailUndelivered("131026 Message undeliverable", Now.AddSeconds(3));
        Assert.Equal(OutboxStatus.Failed, row.Status);
    }
}
