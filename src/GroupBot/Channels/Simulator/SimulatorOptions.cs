namespace GroupBot.Channels.Simulator;

/// <summary>"Simulator" settings. Enabled defaults to on when no Telegram or WhatsApp credentials are set.</summary>
public sealed class SimulatorOptions
{
    public const string Section = "Simulator";
    public bool? Enabled { get; set; }
}
