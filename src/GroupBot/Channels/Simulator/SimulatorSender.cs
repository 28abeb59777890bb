using GroupBot.Chat;

namespace GroupBot.Channels.Simulator;

/// <summary>What the page shows of one message from the bot.</summary>
public sealed record SimulatorReply(string Text, IReadOnlyList<Choice> Choices, string? Document, string? Photo);

/// <summary>The simulator delivers by keeping the outbox row: the page reads it back, rendered by <see cref="Render"/>.</summary>
public sealed class SimulatorSender : IChannelSender
{
    public string Channel => ChannelNames.Simulator;

    public Task<SendResult> SendAsync(SendContext to, OutgoingMessage message, CancellationToken ct) =>
        Task.FromResult<SendResult>(new SendResult.Sent(null));

    /// <summary>Files are shown by name: the page has no use for their bytes.</summary>
    public static SimulatorReply Render(OutboxMessage row)
    {
        var m = Outbox.Read(row);
        return new SimulatorReply(m.Text, m.Choices, m.Document?.FileName, m.Photo?.FileName);
    }
}
