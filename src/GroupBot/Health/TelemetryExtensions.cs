using GroupBot.Chat;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace GroupBot.Health;

/// <summary>The "Telemetry" settings section: where the <see cref="BotMetrics"/> counters are exported, if anywhere.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>"none" (the default), "otlp" (an OpenTelemetry collector) or "console" (stdout, for trying it out).</summary>
    public string Exporter { get; set; } = "none";

    /// <summary>OTLP over HTTP: the collector's metrics address, e.g. http://collector:4318/v1/metrics. Empty: the OTEL_EXPORTER_OTLP_* variables decide.</summary>
    public string? Endpoint { get; set; }

    /// <summary>How often the counters are sent.</summary>
    public TimeSpan ExportInterval { get; set; } = TimeSpan.FromSeconds(60);
}

public static class TelemetryExtensions
{
    public static IHostApplicationBuilder AddTelemetry(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var exporter = options.Exporter.Trim().ToLowerInvariant();
        if (exporter is "" or "none")
        {
            return builder;
        }

        if (exporter is not ("otlp" or "console"))
        {
            throw new InvalidOperationException($"Telemetry:Exporter must be none, otlp or console, not '{options.Exporter}'.");
        }

        var interval = (int)Math.Clamp(options.ExportInterval.TotalMilliseconds, 100, int.MaxValue);
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("groupbot"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(BotMetrics.MeterName);
                if (exporter == "otlp")
                {
                    metrics.AddOtlpExporter((o, reader) =>
                    {
                        if (!string.IsNullOrWhiteSpace(options.Endpoint))
                        {
                            o.Endpoint = new Uri(options.Endpoint);
                            o.Protocol = OtlpExportProtocol.HttpProtobuf;
                        }

                        reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = interval;
                    });
                }
                else
                {
                    metrics.AddConsoleExporter((_, reader) => reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = interval);
                }
            });
        return builder;
    }
}
