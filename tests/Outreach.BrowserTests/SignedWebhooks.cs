using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Outreach.BrowserTests;

/// <summary>What the simulator (or Twilio) does: a form post signed with the installation's simulator key.</summary>
public static class SignedWebhooks
{
    public static async Task PostReplyAsync(ConsoleCluster cluster, string baseUrl, string from, string to, string body)
    {
        string key;
        await using (var connection = new NpgsqlConnection(cluster.Database.ConnectionString))
        {
            await connection.OpenAsync();
            // The key is made on first use by whichever node needs it first; a test may be first.
            await using var command = new NpgsqlCommand(
                """
                INSERT INTO installation_settings (key, value, updated_at) VALUES ('simulator.signing_key', @value, now()) ON CONFLICT (key) DO NOTHING;
                SELECT value FROM installation_settings WHERE key = 'simulator.signing_key';
                """, connection);
            command.Parameters.AddWithValue("value", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            key = (string)(await command.ExecuteScalarAsync())!;
        }
        var url = baseUrl + "/webhooks/twilio/sms";
        var sid = "SM" + Guid.NewGuid().ToString("N");
        var form = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["AccountSid"] = "ACsimulator", ["Body"] = body, ["From"] = from, ["MessageSid"] = sid, ["NumMedia"] = "0", ["SmsSid"] = sid, ["To"] = to,
        };
        // Twilio's scheme: HMAC-SHA1 over the URL followed by every parameter name and value, sorted by name.
        var payload = url + string.Concat(form.Select(p => p.Key + p.Value));
        var signature = Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(payload)));
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature", signature);
        var response = await http.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }
}
