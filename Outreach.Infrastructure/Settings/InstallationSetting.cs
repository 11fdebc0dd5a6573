namespace Outreach.Infrastructure.Settings;

/// <summary>A setting of the whole installation (the global kill switch, the simulator's signing key); only system work reads it.</summary>
public sealed class InstallationSetting
{
    public const string GlobalSendingPaused = "sending.global_paused";
    public const string GlobalSendingPausedReason = "sending.global_paused_reason";
    public const string GlobalSendingPausedBy = "sending.global_paused_by";
    public const string SimulatorSigningKey = "simulator.signing_key";

    public required string Key { get; init; }
    public required string Value { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
