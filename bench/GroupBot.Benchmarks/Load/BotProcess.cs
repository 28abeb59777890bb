using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace GroupBot.Benchmarks.Load;

/// <summary>
/// The bot as its own process (the built GroupBot.dll), so its memory is measured alone, apart from
/// the load generator and the fake Telegram server.
/// </summary>
public sealed class BotProcess : IAsyncDisposable
{
    private readonly Process _process;

    private BotProcess(Process process, string url, string folder)
    {
        _process = process;
        Url = url;
        Folder = folder;
    }

    public string Url { get; }
    public string Folder { get; }
    public int Id => _process.Id;

    public static async Task<BotProcess> StartAsync(string folder, IReadOnlyDictionary<string, string> settings)
    {
        var dll = FindBotDll();
        var port = FreePort();
        var url = $"http://127.0.0.1:{port}";
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add($"--urls={url}");
        info.ArgumentList.Add($"--GroupBot:DataDirectory={folder}");
        foreach (var (key, value) in settings)
        {
            info.ArgumentList.Add($"--{key}={value}");
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) => Echo(e.Data);
        process.ErrorDataReceived += (_, e) => Echo(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var bot = new BotProcess(process, url, folder);
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The bot exited at start with code {process.ExitCode}.");
            }

            try
            {
                using var health = await http.GetAsync(new Uri($"{url}/health"));
                if (health.IsSuccessStatusCode)
                {
                    return bot;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                // not listening yet
            }

            await Task.Delay(100);
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

    private static readonly string[] DatabaseFiles = ["groupbot.db", "groupbot.db-wal", "scheduler.db", "scheduler.db-wal"];

    public long DatabaseBytes() =>
        DatabaseFiles.Select(f => new FileInfo(Path.Combine(Folder, f))).Where(f => f.Exists).Sum(f => f.Length);

    private long ReadStatusKb(string field)
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }

    private static void Echo(string? line)
    {
        if (!string.IsNullOrWhiteSpace(line))
        {
            Console.Error.WriteLine($"  [bot] {line}");
        }
    }

    private static string FindBotDll()
    {
        // bench/GroupBot.Benchmarks/bin/<Configuration>/net10.0 → src/GroupBot/bin/<Configuration>/net10.0
        var here = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
        var framework = Path.GetFileName(here);
        var configuration = Path.GetFileName(Path.GetDirectoryName(here)!);
        var root = Path.GetFullPath(Path.Combine(here, "..", "..", "..", "..", ".."));
        var dll = Path.Combine(root, "src", "GroupBot", "bin", configuration, framework, "GroupBot.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the bot first (dotnet build -c Release).", dll);
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
