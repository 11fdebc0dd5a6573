using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Outreach.Infrastructure;

/// <summary>The "Outreach" configuration section (environment variables: Outreach__Name__Sub).</summary>
public sealed class OutreachOptions
{
    public const string Section = "Outreach";

    /// <summary>This node's name in the cluster; defaults to machine name and process id.</summary>
    public string? NodeName { get; set; }

    /// <summary>
    /// The console's public address (https://console.example.com), as providers reach it. Webhook
    /// signatures are computed over this URL, so behind a proxy it must be the outside address; status
    /// callback URLs sent to providers are built from it. Empty: the address of each request.
    /// </summary>
    [Url]
    public string? PublicBaseUrl { get; set; }

    /// <summary>Where logs and generated files go, relative to the content root.</summary>
    [Required]
    public string DataDirectory { get; set; } = ".data";

    [ValidateObjectMembers]
    public SchedulerSettings Scheduler { get; set; } = new();

    [ValidateObjectMembers]
    public SeedSettings Seed { get; set; } = new();

    [ValidateObjectMembers]
    public ImportSettings Import { get; set; } = new();

    public sealed class SchedulerSettings
    {
        /// <summary>Run Quartz on this node. Turn off for a node that only serves the UI.</summary>
        public bool Enabled { get; set; } = true;

        [Range(1, 3600)]
        public int HeartbeatSeconds { get; set; } = 15;

        [Range(1, 600)]
        public int CheckInSeconds { get; set; } = 5;

        /// <summary>
        /// How long a stopping node waits for the scheduler (running jobs included) before it stops without it. Below
        /// the 10 s an orchestrator commonly allows between SIGTERM and SIGKILL, so the rest of the node stops cleanly.
        /// </summary>
        [Range(1, 300)]
        public int ShutdownSeconds { get; set; } = 6;
    }

    public sealed class ImportSettings
    {
        /// <summary>The largest CSV upload accepted, in megabytes.</summary>
        [Range(1, 10_000)]
        public int MaxFileMegabytes { get; set; } = 200;

        /// <summary>The most data rows one import takes; a longer file fails with a clear message and imports nothing.</summary>
        [Range(1, 10_000_000)]
        public int MaxRows { get; set; } = 1_000_000;

        /// <summary>
        /// How long an upload may wait for its column mapping; after that it is marked expired and its file is
        /// deleted from the node that received it.
        /// </summary>
        [Range(1, 24 * 90)]
        public int AbandonedAfterHours { get; set; } = 24;

        public long MaxFileBytes => MaxFileMegabytes * 1024L * 1024L;
    }

    public sealed class SeedSettings
    {
        /// <summary>On an installation with no users, create the first team and its owner.</summary>
        public bool Enabled { get; set; } = true;

        [Required]
        public string TeamName { get; set; } = "Demo Brokerage";

        [Required, EmailAddress]
        public string OwnerEmail { get; set; } = "owner@outreach.local";

        /// <summary>The first owner's password; generated and printed once when empty.</summary>
        public string? OwnerPassword { get; set; }

        /// <summary>
        /// Replies the simulator sends to the demo team's numbers once, while it has no conversations, so the
        /// inbox has something to triage on a first run (<c>./outreach run</c> asks for some). 0 sends none.
        /// </summary>
        [Range(0, 1000)]
        public int DemoReplies { get; set; }
    }
}

/// <summary>Generated validation that walks nested settings, so every failure names its full path.</summary>
[OptionsValidator]
public sealed partial class OutreachOptionsValidator : IValidateOptions<OutreachOptions>;
