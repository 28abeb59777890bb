using System.Net;

namespace GroupBot.Chat;

/// <summary>
/// Between a channel client and the network: a timeout per attempt, and a circuit breaker. When
/// the API has failed <see cref="FailuresToOpen"/> calls in a row (no answer in time, no
/// connection, 5xx), calls fail at once for <see cref="OpenFor"/> instead of each waiting out its
/// timeout; then one trial call goes through, and an answer closes the circuit again. It never
/// sends anything again by itself: the outbox decides about retries (reminders stay at most once).
/// </summary>
public sealed class ChannelHttpGuard : DelegatingHandler
{
    public const int FailuresToOpen = 5;
    public static readonly TimeSpan OpenFor = TimeSpan.FromSeconds(30);

    private readonly string _name;
    private readonly TimeSpan _attemptTimeout;
    private readonly Func<HttpRequestMessage, bool> _exempt;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private int _failures;
    private DateTime _openUntil = DateTime.MinValue;
    private bool _trialInFlight;

    /// <param name="name">The API, for the error text ("Telegram Bot API").</param>
    /// <param name="attemptTimeout">The longest one call may take.</param>
    /// <param name="exempt">Calls with their own, longer wait (Telegram's long-polling getUpdates): no attempt timeout, and not counted.</param>
    /// <param name="time">For how long the circuit stays open (the bot's clock, as the outbox's backoff).</param>
    public ChannelHttpGuard(string name, TimeSpan attemptTimeout, Func<HttpRequestMessage, bool> exempt, TimeProvider time, HttpMessageHandler inner)
        : base(inner)
    {
        _name = name;
        _attemptTimeout = attemptTimeout;
        _exempt = exempt;
        _time = time;
    }

    /// <summary>True while calls fail at once.</summary>
    public bool IsOpen
    {
        get
        {
            lock (_lock)
            {
                return _time.GetUtcNow().UtcDateTime < _openUntil;
            }
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (_exempt(request))
        {
            return await base.SendAsync(request, cancellationToken);
        }

        var trial = Admit();
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(_attemptTimeout); // physical time: a hanging connection
        try
        {
            var response = await base.SendAsync(request, attempt.Token);
            Record(success: (int)response.StatusCode < 500, trial);
            return response;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Record(success: false, trial);
            throw new HttpRequestException($"{_name} did not answer within {_attemptTimeout.TotalSeconds:0.#} s", null, HttpStatusCode.GatewayTimeout);
        }
        catch (HttpRequestException)
        {
            Record(success: false, trial);
            throw;
        }
    }

    /// <summary>Lets a call through, or fails it at once while the circuit is open. Returns true for the one trial call after it.</summary>
    private bool Admit()
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow().UtcDateTime;
            if (_failures < FailuresToOpen)
            {
                return false;
            }

            if (now < _openUntil || _trialInFlight)
            {
                throw new HttpRequestException($"{_name} is failing ({_failures} calls in a row); not called for {OpenFor.TotalSeconds:0} s", null, HttpStatusCode.ServiceUnavailable);
            }

            _trialInFlight = true;
            return true;
        }
    }

    private void Record(bool success, bool trial)
    {
        lock (_lock)
        {
            if (trial)
            {
                _trialInFlight = false;
            }

            if (success)
            {
                _failures = 0;
                _openUntil = DateTime.MinValue;
                return;
            }

            _failures++;
            if (_failures >= FailuresToOpen)
            {
                _openUntil = _time.GetUtcNow().UtcDateTime + OpenFor;
            }
        }
    }
}
