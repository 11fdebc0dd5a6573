using System.Text;
using Bogus;
using Microsoft.Extensions.Options;

namespace Outreach.Infrastructure.Messaging.Simulator;

/// <summary>
/// Picks a persona by weight and writes what it says, with fake but consistent personal details. Called when a
/// reply is posted rather than when its send is accepted: Bogus takes a fifth of a millisecond per reply, which
/// the send path at 2,000 a second should not pay.
/// </summary>
internal sealed class SimulatorReplyWriter
{
    private readonly IReadOnlyList<SimulatorPersona> personas;
    private readonly double totalWeight;

    // Building a Faker costs milliseconds (it sets up every data set), too much for one reply in eight at
    // 2,000 sends a second; reseeding one is nearly free. Bogus is not thread-safe, hence the lock.
    private readonly Faker faker = new("en");
    private readonly Lock fakerLock = new();

    public SimulatorReplyWriter(IOptions<SimulatorOptions> options)
        : this(SimulatorPersona.WithWeights(options.Value.Personas))
    {
    }

    internal SimulatorReplyWriter(IReadOnlyList<SimulatorPersona> personas)
    {
        this.personas = personas.Where(p => p.Weight > 0 && p.Templates.Count > 0).ToList();
        totalWeight = this.personas.Sum(p => p.Weight);
    }

    /// <summary>False when every persona has been silenced.</summary>
    public bool CanReply => personas.Count > 0;

    /// <summary>The same seed writes the same reply, from the same place.</summary>
    public (string Body, string FromCity, string FromState) Write(int seed)
    {
        if (!CanReply)
        {
            throw new InvalidOperationException("Every persona has a weight of 0, so there is no one to reply.");
        }

        var random = new Random(seed);
        var persona = Pick(random.NextDouble() * totalWeight);
        var template = persona.Templates[random.Next(persona.Templates.Count)];
        lock (fakerLock)
        {
            // Bogus draws from its own Randomizer, seeded from ours, so one seed reproduces the whole reply.
            faker.Random = new Randomizer(random.Next());
            string? first = null, last = null;
            var body = Render(template, token => token switch
            {
                "first" => first ??= faker.Name.FirstName(),
                "last" => last ??= faker.Name.LastName(),
                "email" => faker.Internet.Email(first ??= faker.Name.FirstName(), last ??= faker.Name.LastName()).ToLowerInvariant(),
                "phone" => faker.Phone.PhoneNumber("(###) ###-####"),
                "word" => faker.Lorem.Word(),
                _ => null,
            });
            // Twilio sends the caller's city in capitals.
            return (body, faker.Address.City().ToUpperInvariant(), faker.Address.StateAbbr());
        }
    }

    private SimulatorPersona Pick(double point)
    {
        foreach (var persona in personas)
        {
            if (point < persona.Weight)
            {
                return persona;
            }
            point -= persona.Weight;
        }
        // Rounding can leave the point a hair past the last weight.
        return personas[^1];
    }

    /// <summary>Replaces each {token}; unknown tokens stay as written.</summary>
    private static string Render(string template, Func<string, string?> fill)
    {
        if (!template.Contains('{'))
        {
            return template;
        }
        var result = new StringBuilder(template.Length + 32);
        var position = 0;
        while (position < template.Length)
        {
            var open = template.IndexOf('{', position);
            var close = open < 0 ? -1 : template.IndexOf('}', open + 1);
            if (close < 0)
            {
                result.Append(template, position, template.Length - position);
                break;
            }
            result.Append(template, position, open - position);
            var token = template[(open + 1)..close];
            result.Append(fill(token) ?? template[open..(close + 1)]);
            position = close + 1;
        }
        return result.ToString();
    }
}
