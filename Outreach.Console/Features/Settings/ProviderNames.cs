namespace Outreach.Console.Features.Settings;

/// <summary>How the SMS providers' codes ("signalhouse") read on screen.</summary>
public static class ProviderNames
{
    public static string Label(string provider) => provider switch
    {
        "simulator" => "Simulator (sends nothing)",
        "twilio" => "Twilio",
        "signalhouse" => "SignalHouse",
        _ => provider,
    };
}
