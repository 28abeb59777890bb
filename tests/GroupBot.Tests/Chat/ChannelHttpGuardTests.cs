using System.Net;
using GroupBot.Chat;
using Microsoft.Extensions.Time.Testing;

namespace GroupBot.Tests.Chat;

/// <summary>The channel clients' guard: a hanging API costs one short timeout per call, then calls fail at once until a trial call gets through.</summary>
public sealed class ChannelHttpGuardTests
{
    /// <summary>The network: answers, or never answers until cancelled, as told.</summary>
    private sealed class Network : HttpMessageHandler
    {
        public bool Hang { get; set; }
        public int Calls { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Calls++;
            if (Hang)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            return new HttpResponseMessage(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task A_hanging_API_times_out_each_call_then_the_circuit_opens_and_a_trial_call_closes_it()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 0, 0, 0, TimeSpan.Zero));
        var network = new Network { Hang = true };
        using var guard = new ChannelHttpGuard("Test API", TimeSpan.FromMilliseconds(100), r => r.RequestUri!.AbsolutePath == "/poll", time, network);
        using var http = new HttpClient(guard) { Timeout = TimeSpan.FromSeconds(30) };
        var ct = TestContext.Current.CancellationToken;

        // Each of the first five waits only the attempt timeout, not the client's 30 s.
        for (var i = 0; i < ChannelHttpGuard.FailuresToOpen; i++)
        {
            var timedOut = await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(new Uri("http://api.test/send"), ct));
            Assert.Contains("did not answer within 0.1 s", timedOut.Message, StringComparison.Ordinal);
        }

        Assert.True(guard.IsOpen);
        Assert.Equal(5, network.Calls);

        // Open: calls fail at once, the network is not called.
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(new Uri("http://api.test/send"), ct));
        Assert.Contains("is failing (5 calls in a row)", refused.Message, StringComparison.Ordinal);
        Assert.Equal(5, network.Calls);

        // The long poll has its own wait and is not guarded.
        network.Hang = false;
        using (var poll = await http.GetAsync(new Uri("http://api.test/poll"), ct))
        {
            Assert.Equal(HttpStatusCode.OK, poll.StatusCode);
        }

        // After the pause one trial call goes through; its answer closes the circuit.
        time.Advance(ChannelHttpGuard.OpenFor);
        using (var trial = await http.GetAsync(new Uri("http://api.test/send"), ct))
        {
            Assert.Equal(HttpStatusCode.OK, trial.StatusCode);
        }

        Assert.False(guard.IsOpen);
        using (var next = await http.GetAsync(new Uri("http://api.test/send"), ct))
        {
            Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        }

        Assert.Equal(8, network.Calls);
    }
}
