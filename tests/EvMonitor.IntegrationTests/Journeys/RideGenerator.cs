using EvMonitor.Telemetry;

namespace EvMonitor.IntegrationTests.Journeys;

/// <summary>
/// Makes a recorded-looking day of one vehicle from a seed: drives along a route (GPS advancing with
/// the speed, a speed profile with a stop, odometer, motor power with regeneration, falling state of
/// charge), parking with the vehicle off, and AC and DC charges with a charging curve. It also says
/// how many trips and sessions the definitions must find, which the test checks independently.
/// </summary>
public sealed class RideGenerator(int seed)
{
    private const double CapacityWh = 21_500;

    private readonly Random _random = new(seed);
    private readonly List<Snapshot> _snapshots = [];
    private long _t = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 3 * 86_400;
    private double _lat = 44.6471, _lng = 10.9252, _odometer = 12_000, _socWh = 0.9 * CapacityWh;

    public int Trips { get; private set; }
    public int AcCharges { get; private set; }
    public int DcCharges { get; private set; }

    /// <summary>Timestamps of snapshots that, delivered last, join two trips (a hole filled) or split one (the vehicle briefly off).</summary>
    public List<long> Joining { get; } = [];
    public List<long> Splitting { get; } = [];

    public List<Snapshot> Day()
    {
        Drive(minutes: _random.Next(8, 16), hole: true, offStop: false);
        Park(minutes: 25);
        Charge(dc: false, minutes: _random.Next(20, 35));
        Drive(minutes: _random.Next(10, 20), hole: false, offStop: true);
        _t += 40 * 60; // no data at all for a while
        Charge(dc: true, minutes: _random.Next(12, 20));
        Drive(minutes: _random.Next(6, 12), hole: false, offStop: false);
        return _snapshots;
    }

    private void Drive(int minutes, bool hole, bool offStop)
    {
        Trips += offStop ? 2 : 1;
        var heading = _random.NextDouble() * 2 * Math.PI;
        var cruise = 50 + _random.Next(60);
        var seconds = minutes * 60;
        var stopAt = seconds / 2;
        double speed = 0;
        for (var s = 0; s <= seconds; s += 5)
        {
            // Accelerate to cruising speed with some wobble, stop for half a minute mid-way, slow to the end.
            var target = Math.Abs(s - stopAt) < 15 ? 0 : s > seconds - 30 ? 5 : cruise + 10 * Math.Sin(s / 40.0);
            var previous = speed;
            speed += Math.Clamp(target - speed, -12, 8);
            var metres = (previous + speed) / 2 / 3.6 * 5;
            heading += (_random.NextDouble() - 0.5) * 0.2;
            _lat += metres * Math.Cos(heading) / 111_320;
            _lng += metres * Math.Sin(heading) / (111_320 * Math.Cos(_lat * Math.PI / 180));
            _odometer += metres / 1000;
            var watt = 140 * speed + 900 * (speed - previous); // negative while braking: regeneration
            _socWh -= watt * 5 / 3600;
            var snapshot = Snapshot(1, (int)Math.Round(speed));
            snapshot.General["odometer"] = Math.Floor(_odometer);
            snapshot.Motors = [Motor(0, (int)(watt * 0.55), (int)(speed * 60)), Motor(1, (int)(watt * 0.45), (int)(speed * 60))];
            snapshot.Batteries = [new Component(TelemetryGroup.Battery, 0) { ["soc"] = Soc(), ["v"] = 380 + _random.Next(10), ["i"] = (int)(watt / 390) }];
            snapshot.Gps = Fix(4 + _random.Next(6));
            if (hole && s > seconds / 4 && s <= seconds / 4 + 11 * 60)
                Joining.Add(_t);
            if (offStop && s == stopAt)
            {
                snapshot.General["state"] = 0;
                Splitting.Add(_t);
            }
            _snapshots.Add(snapshot);
            _t += 5;
        }
    }

    private void Park(int minutes)
    {
        for (var m = 0; m < minutes; m += 5)
        {
            _snapshots.Add(Snapshot(0, 0));
            _t += 300;
        }
    }

    private void Charge(bool dc, int minutes)
    {
        if (dc) DcCharges++; else AcCharges++;
        var step = dc ? 30 : 60;
        for (var s = 0; s <= minutes * 60; s += step)
        {
            var soc = _socWh / CapacityWh;
            // AC: a flat 7 kW; DC: 50 kW tapering above 80 %.
            var watt = dc ? 50_000 * (soc < 0.8 ? 1 : Math.Max(0.2, (1 - soc) * 5)) : 7_000;
            var volts = 360 + (int)(40 * soc);
            _socWh = Math.Min(CapacityWh, _socWh + watt * step / 3600);
            var snapshot = Snapshot(dc ? 11 : 10, 0);
            snapshot.Batteries = [new Component(TelemetryGroup.Battery, 0) { ["soc"] = Soc(), ["v"] = volts, ["i_charge"] = Math.Round(watt / volts) }];
            snapshot.Gps = Fix(8);
            _snapshots.Add(snapshot);
            _t += step;
        }
    }

    private int Soc() => (int)Math.Round(100 * _socWh / CapacityWh);

    private Snapshot Snapshot(int state, int speed)
    {
        var snapshot = new Snapshot { Timestamp = _t };
        snapshot.General["state"] = state;
        snapshot.General["speed"] = speed;
        return snapshot;
    }

    private static Component Motor(int index, int watt, int rpm) => new(TelemetryGroup.Motor, index) { ["watt"] = watt, ["rpm"] = rpm };

    private Readings Fix(int accuracy) => new(TelemetryGroup.Gps) { ["lat"] = Math.Round(_lat, 6), ["lng"] = Math.Round(_lng, 6), ["acc"] = accuracy };
}
