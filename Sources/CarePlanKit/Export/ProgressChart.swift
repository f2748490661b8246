/// A goal's progress as an inline SVG line chart: the baseline at the plan's start, each
/// recorded value, and a dashed line on to the target at the due date. The chart carries its
/// own alt text (`<title>` and `aria-label`), so a screen reader gets the same numbers.
struct ProgressChart {
    struct Point { var date: CalendarDate; var value: Double }

    /// What the y axis counts ("steps done without cues", "help needed").
    var axisName: String
    /// Baseline first (when known), then the records.
    var points: [Point]
    var baselineKnown: Bool
    var target: Point?
    /// Gridlines and their labels.
    var ticks: [(value: Double, label: String)]
    var low: Double, high: Double
    /// Text for a value, on the chart and in the alt text.
    var describe: (Double) -> String
    /// Numbers are written beside the points; assist levels are read off the axis instead.
    var labelPoints = true
    var altText: String

    static let width = 640.0, height = 250.0

    /// A chart for the goal's measure, or else its assist levels; nil with no readings to draw.
    init?(goal g: Goal, plan: Plan, progress: GoalReadings) {
        let start = plan.start?.value
        if let m = g.measure, !progress.values.isEmpty {
            axisName = m.name
            baselineKnown = start != nil
            points = (start.map { [Point(date: $0, value: m.baseline.value)] } ?? [])
                + progress.values.map { Point(date: $0.date, value: $0.value) }
            target = Point(date: g.due?.value ?? progress.values.last!.date, value: m.target.value)
            let all = points.map(\.value) + [m.target.value]
            (low, high, ticks) = Self.scale(all.min()!, all.max()!)
            describe = { Words.number($0) }
        } else if !progress.assists.isEmpty {
            // Assist levels on an ordinal scale, more independent higher up.
            axisName = "help needed"
            labelPoints = false
            let levels = AssistLevel.allCases
            func y(_ a: AssistLevel) -> Double { Double(levels.count - 1 - a.rank) }
            baselineKnown = start != nil && g.assistFrom != nil
            points = (baselineKnown ? [Point(date: start!, value: y(g.assistFrom!.value))] : [])
                + progress.assists.map { Point(date: $0.date, value: y($0.level)) }
            target = g.assistTo.map { Point(date: g.due?.value ?? progress.assists.last!.date, value: y($0.value)) }
            low = 0; high = Double(levels.count - 1)
            ticks = levels.map { (y($0), Self.shortAssist($0)) }
            describe = { v in
                let i = levels.count - 1 - Int(v.rounded())
                return levels.indices.contains(i) ? Self.shortAssist(levels[i]) : Words.number(v)
            }
        } else {
            return nil
        }
        var parts: [String] = []
        for (i, p) in points.enumerated() {
            parts.append(i == 0 && baselineKnown ? "\(describe(p.value)) at the start (\(Words.shortDate(p.date)))"
                                                  : "\(describe(p.value)) on \(Words.shortDate(p.date))")
        }
        var alt = "Progress chart, \(axisName): " + parts.joined(separator: ", ")
        if let t = target { alt += "; target \(describe(t.value))" + (g.due != nil ? " by \(Words.shortDate(t.date))" : "") }
        altText = alt + "."
    }

    static func shortAssist(_ a: AssistLevel) -> String {
        switch a {
        case .independent: return "independent"
        case .modifiedIndependent: return "with a device"
        case .supervision: return "standing by"
        case .contactGuard: return "hand on"
        case .minimal: return "a little help"
        case .moderate: return "some help"
        case .maximal: return "a lot of help"
        case .dependent: return "full help"
        }
    }

    /// A padded range with 4-6 round gridlines (steps of 1, 2 or 5 times a power of ten).
    static func scale(_ lo: Double, _ hi: Double) -> (Double, Double, [(Double, String)]) {
        let span = max(hi - lo, abs(hi) * 0.1, 1)
        let raw = span / 4
        var magnitude = 1.0
        while magnitude * 10 <= raw { magnitude *= 10 }
        while magnitude > raw { magnitude /= 10 }
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? magnitude * 10
        var low = (lo / step).rounded(.down) * step
        // Keep the lowest reading off the axis line, without inventing negative values.
        if low == lo && lo > 0 { low = max(0, low - step) }
        var high = (hi / step).rounded(.up) * step
        if high == low { high = low + step }
        var ticks: [(Double, String)] = []
        var v = low
        while v <= high + step / 1000 { ticks.append((v, Words.number((v * 1000).rounded() / 1000))); v += step }
        return (low, high, ticks)
    }

    /// The chart as an `<svg>` element; `id` keeps the title's id unique in the page.
    func svg(id: String) -> String {
        let left = ticks.map { Double($0.label.count) }.max().map { max(48, $0 * 7.5 + 16) } ?? 48
        // Room on the right for the target's label.
        let right = max(40, Double(target.map { "target \(describe($0.value))".count } ?? 0) * 7.2 + 18)
        let top = 20.0, bottom = 46.0
        let plotW = Self.width - left - right, plotH = Self.height - top - bottom
        let dates = points.map(\.date) + (target.map { [$0.date] } ?? [])
        let d0 = dates.min()!.dayNumber
        let d1 = max(dates.max()!.dayNumber, d0 + 1)
        func x(_ d: CalendarDate) -> Double { left + plotW * Double(d.dayNumber - d0) / Double(d1 - d0) }
        func y(_ v: Double) -> Double { top + plotH * (1 - (v - low) / (high - low)) }
        let titleID = "chart-\(id)-title"
        var s = "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(n(Self.width)) \(n(Self.height))\" role=\"img\" aria-labelledby=\"\(HTMLExport.escape(titleID))\" aria-label=\"\(HTMLExport.escape(altText))\">\n"
        s += "<title id=\"\(HTMLExport.escape(titleID))\">\(HTMLExport.escape(altText))</title>\n"
        // Gridlines and y labels.
        for t in ticks {
            s += "<line class=\"grid\" x1=\"\(n(left))\" y1=\"\(n(y(t.value)))\" x2=\"\(n(left + plotW))\" y2=\"\(n(y(t.value)))\"/>"
            s += "<text class=\"tick\" x=\"\(n(left - 8))\" y=\"\(n(y(t.value) + 4))\" text-anchor=\"end\">\(HTMLExport.escape(t.label))</text>\n"
        }
        s += "<line class=\"axis\" x1=\"\(n(left))\" y1=\"\(n(top + plotH))\" x2=\"\(n(left + plotW))\" y2=\"\(n(top + plotH))\"/>\n"
        // X labels: every point's date, skipping any that would overlap the one before.
        var lastLabelX = -1000.0
        for d in Array(Set(dates)).sorted() where x(d) - lastLabelX >= 70 {
            s += "<text class=\"tick\" x=\"\(n(x(d)))\" y=\"\(n(top + plotH + 18))\" text-anchor=\"middle\">\(HTMLExport.escape(Words.shortDate(d)))</text>"
            lastLabelX = x(d)
        }
        s += "\n<text class=\"axis-name\" x=\"\(n(left))\" y=\"\(n(Self.height - 6))\">\(HTMLExport.escape(Words.capitalized(axisName)))</text>\n"
        // The way ahead: dashed from the latest reading to the target.
        if let t = target, let last = points.last {
            s += "<line class=\"ahead\" x1=\"\(n(x(last.date)))\" y1=\"\(n(y(last.value)))\" x2=\"\(n(x(t.date)))\" y2=\"\(n(y(t.value)))\"/>\n"
            s += "<circle class=\"target\" cx=\"\(n(x(t.date)))\" cy=\"\(n(y(t.value)))\" r=\"6\"/>"
            s += "<text class=\"label target-label\" x=\"\(n(x(t.date) + 10))\" y=\"\(n(y(t.value) + 4))\">target \(HTMLExport.escape(describe(t.value)))</text>\n"
        }
        let path = points.enumerated().map { "\($0.offset == 0 ? "M" : "L")\(n(x($0.element.date))) \(n(y($0.element.value)))" }.joined(separator: " ")
        s += "<path class=\"done\" d=\"\(path)\"/>\n"
        for (i, p) in points.enumerated() {
            let isBaseline = i == 0 && baselineKnown
            s += "<circle class=\"\(isBaseline ? "baseline" : "point")\" cx=\"\(n(x(p.date)))\" cy=\"\(n(y(p.value)))\" r=\"4.5\"/>"
            guard labelPoints else { s += "\n"; continue }
            s += "<text class=\"label\" x=\"\(n(x(p.date) + (i == 0 ? -4 : 0)))\" y=\"\(n(y(p.value) - 10))\" text-anchor=\"\(i == 0 ? "start" : "middle")\">\(HTMLExport.escape(isBaseline ? "start \(describe(p.value))" : describe(p.value)))</text>\n"
        }
        s += "</svg>"
        return s
    }

    /// Coordinates to one decimal, locale-free.
    func n(_ v: Double) -> String {
        let tenths = Int((v * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        let a = abs(tenths)
        return a % 10 == 0 ? "\(sign)\(a / 10)" : "\(sign)\(a / 10).\(a % 10)"
    }
}
