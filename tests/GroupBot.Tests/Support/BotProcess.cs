using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace GroupBot.Tests.Support;

/// <summary>
/// The real bot as a child process (<c>dotnet GroupBot.dll</c>, the build the project copies next
/// to itself), configured by command-line arguments. For the fault tests <see cref="Kill"/> is a
/// real crash: no shutdown hooks, no drain, no disposal, just SIGKILL. For the load benchmark (which
/// compiles this file too) its memory and CPU are the bot's alone, apart from the load generator.
/// </summary>
public sealed class BotProcess : IAsyncDisposable
{
    private const int OutputLines = 300;
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly Action<string>? _echo;
    private bool _disposed;

    private BotProcess(Process process, Action<string>? echo)
    {
        _process = process;
        _echo = echo;
    }

    public int Id => _process.Id;

    /// <summary>True once the process is gone (killed, or it stopped).</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the bot wrote, for a failing test's message.</summary>
    public string Output => string.Join('\n', _output);

    /// <summary>A loopback port free now; the caller keeps it, so a restarted bot listens where the clients already point.</summary>
    public static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    /// <summary>Starts the bot on <paramref name="address"/> and waits until GET /health answers 200.</summary>
    /// <param name="echo">Also gets every line the bot writes, as it writes it.</param>
    public static async Task<BotProcess> StartAsync(Uri address, IReadOnlyDictionary<string, string?> settings, CancellationToken ct, Action<string>? echo = null)
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
        var bot = new BotProcess(process, echo);
        process.OutputDataReceived += (_, e) => bot.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => bot.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Deadline.In(TimeSpan.FromSeconds(60));
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The bot exited with {process.ExitCode}:\n{bot.Output}");
            }

            try
            {
                using var health = await http.GetAsync(new Uri("/health", UriKind.Relative), ct);
                if (health.StatusCode == HttpStatusCode.OK)
                {
                    return bot;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                // not listening yet
            }

            if (deadline.Passed)
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

        _echo?.Invoke(line);
        _output.Enqueue(line);
        while (_output.Count > OutputLines)
        {
            _output.TryDequeue(out _);
        }
    }

    /// <summary>The process's peak resident set (VmHWM), in MB.</summary>
    public long PeakRssMb() => ReadStatusKb("VmHWM:") / 1024;

    public long RssMb() => ReadStatusKb("VmRSS:") / 1024;

    /// <summary>Resident memory by kind: anonymous (heaps), file-backed (code and libraries), shared (the JIT's double-mapped code).</summary>
    public string RssBreakdown() =>
        $"anon {ReadStatusKb("RssAnon:") / 1024} MB, files {ReadStatusKb("RssFile:") / 1024} MB, shared {ReadStatusKb("RssShmem:") / 1024} MB";

    /// <summary>CPU time the bot process used so far.</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    private long ReadStatusKb(string field)
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
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
}
