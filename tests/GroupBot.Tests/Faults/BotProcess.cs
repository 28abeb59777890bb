using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace GroupBot.Tests.Faults;

/// <summary>
/// The real bot as a child process (<c>dotnet GroupBot.dll</c>, the build the test project copies
/// next to itself), configured by command-line arguments, so that <see cref="Kill"/> is a real
/// crash: no shutdown hooks, no drain, no disposal, just SIGKILL.
/// </summary>
public sealed class BotProcess : IAsyncDisposable
{
    private const int OutputLines = 300;
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private BotProcess(Process process) => _process = process;

    public int Id => _process.Id;

    /// <summary>The last lines the bot wrote, for a failing test's message.</summary>
    public string Output => string.Join('\n', _output);

    public static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    /// <summary>Starts the bot and waits until GET /health answers 200.</summary>
    public static async Task<BotProcess> StartAsync(Uri address, IReadOnlyDictionary<string, string?> settings, CancellationToken ct)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "GroupBot.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add($"--urls={address.GetLeftPart(UriPartial.Authority)}");
        foreach (var (key, value) in settings)
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        start.Environment.Remove("ASPNETCORE_URLS");
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var bot = new BotProcess(process);
        process.OutputDataReceived += (_, e) => bot.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => bot.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The bot exited with {process.ExitCode}:\n{bot.Output}");
            }

            try
            {
                using var health = await http.GetAsync("/health", ct);
                if (health.StatusCode == HttpStatusCode.OK)
                {
                    return bot;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                // not listening yet
            }

            if (DateTime.UtcNow > deadline)
            {
                bot.Kill();
                throw new TimeoutException($"The bot did not become healthy:\n{bot.Output}");
            }

            await Task.Delay(50, ct);
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > OutputLines)
        {
            _output.TryDequeue(out _);
        }
    }

    /// <summary>SIGKILL for the bot and anything it started; returns once it is gone.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.WaitForExit();
    }

    public ValueTask DisposeAsync()
    {
        if (!_disposed)
        {
            _disposed = true;
            Kill();
            _process.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private bool _disposed;
}
