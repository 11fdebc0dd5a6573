namespace Outreach.Console.Tests;

public static class Readiness
{
    /// <summary>Polls /health/ready as a load balancer would, for up to 30 s; returns the last answer.</summary>
    public static async Task<HttpResponseMessage> WaitAsync(HttpClient client)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var response = await client.GetAsync("/health/ready");
            if (response.IsSuccessStatusCode || DateTime.UtcNow > deadline)
            {
                return response;
            }
            await Task.Delay(100);
        }
    }
}
