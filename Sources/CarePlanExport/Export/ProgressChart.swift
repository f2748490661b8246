import CarePlanBasics
import CarePlanModel

/// A goal's progress as an inline SVG line chart: the baseline at the goal's start, each
/// recorded value, and a dashed line on to the target at the due date. The chart carries its
/// own alt text (`<title>` and `aria-label`), so a screen reader gets the same numbers.
package struct ProgressChart {
    package struct Point { var date: CalendarDate; var value: Double }

    /// What the y axis counts ("steps done without cues", "help needed").
    package var axisName: String
    /// Baseline first (when known), then the records.
    package var points: [Point]
    package var baselineKnown: Bool
    package var target: Point?
    /// Gridlines and their labels.
    package var ticks: [(value: Double, label: String)]
    package var low: Double, high: Double
    /// Text for a value, on the chart and in the alt text.
    package var describe: (Double) -> String
    /// Numbers are written beside the points; assist levels are read off the axis instead.
    package var labelPoints = true
    package var altText: String

    /// A chart for the goal's measure, or else its assist levels; nil with no readings to draw.
    /// `start`: the day the goal was set (its `Timeline` life), where the baseline stands.
    package init?(goal g: Goal, start: CalendarDate?, progress: GoalReadings) {
        if let m = g.measure, !progress.values.isEmpty {
            // A standardised measure says which way is better: "lower is better" on the axis
            // tells a reader that a falling line is progress (TUG, pain).
            axisName = m.standard.map { $0.info.lowerIsBetter ? "\(m.name) (\($0.info.unitLabel), lower is better)" : "\(m.name) (\($0.info.unitLabel))" } ?? m.name
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

    package static func shortAssist(_ a: AssistLevel) -> String {
        switch a {
        case .independent: return "independent"
        case .modifiedIndependent: return "with a device"
        case .setup: return "set up for"
        case .supervision: return "standing by"
        case .contactGuard: return "hand on"
        case .minimal: return "a little help"
        case .moderate: return "some help"
        case .maximal: return "a lot of help"
        case .dependent: return "full help"
        }
    }

    /// A padded range with 4-6 round gridlines (steps of 1, 2 or 5 times a power of ten).
    package static func scale(_ lo: Double, _ hi: Double) -> (Double, Double, [(Double, String)]) {
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

    /// The size of one drawing of the chart. A chart is drawn twice: wide for screens and
    /// print, narrow for phones (the page's CSS shows one). One drawing scaled down to a phone
    /// made its 12-unit text 5.8 px; the narrow one is drawn at about the size it is shown, so
    /// its text stays at 11 px or more down to a 390 px screen.
    package struct Layout {
        package var name: String
        package var width: Double, height: Double
        /// The text size in user units (the page's CSS sets the same) and the average advance
        /// of one character, for the margins that hold the labels.
        package var font: Double, charWidth: Double
        /// Least distance between two date labels on the x axis.
        package var dateGap: Double
        /// The target's label stands in the top right corner (narrow), where no reading's label
        /// can overlap it, rather than beside the target in a right margin.
        package var targetLabelAbove: Bool

        package static let wide = Layout(name: "wide", width: 640, height: 250, font: 12, charWidth: 7.5, dateGap: 70, targetLabelAbove: false)
        package static let narrow = Layout(name: "narrow", width: 360, height: 250, font: 13, charWidth: 7.8, dateGap: 84, targetLabelAbove: true)
    }

    /// Both drawings of the chart, wide first; `id` keeps their titles' ids unique in the page.
    package func svg(id: String) -> String {
        svg(id: id, layout: .wide) + "\n" + svg(id: id, layout: .narrow)
    }

    /// The chart as one `<svg>` element in the given layout.
    package func svg(id: String, layout: Layout) -> String {
        let width = layout.width, height = layout.height
        let left = ticks.map { Double($0.label.count) }.max().map { max(48, $0 * layout.charWidth + 16) } ?? 48
        // Room on the right for the target's label, unless it goes above the point.
        let targetText = target.map { "target \(describe($0.value))" } ?? ""
        let right = layout.targetLabelAbove ? 16 : max(40, Double(targetText.count) * layout.charWidth * 0.96 + 18)
        let top = layout.targetLabelAbove ? 36.0 : 20.0, bottom = 46.0
        let plotW = width - left - right, plotH = height - top - bottom
        let dates = points.map(\.date) + (target.map { [$0.date] } ?? [])
        let d0 = dates.min()!.dayNumber
        let d1 = max(dates.max()!.dayNumber, d0 + 1)
        func x(_ d: CalendarDate) -> Double { left + plotW * Double(d.dayNumber - d0) / Double(d1 - d0) }
        func y(_ v: Double) -> Double { top + plotH * (1 - (v - low) / (high - low)) }
        let titleID = layout.name == "wide" ? "chart-\(id)-title" : "chart-\(id)-\(layout.name)-title"
        var s = "<svg class=\"chart \(layout.name)\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(n(width)) \(n(height))\" role=\"img\" aria-labelledby=\"\(HTMLExport.escape(titleID))\" aria-label=\"\(HTMLExport.escape(altText))\">\n"
        s += "<title id=\"\(HTMLExport.escape(titleID))\">\(HTMLExport.escape(altText))</title>\n"
        // Gridlines and y labels.
        for t in ticks {
            s += "<line class=\"grid\" x1=\"\(n(left))\" y1=\"\(n(y(t.value)))\" x2=\"\(n(left + plotW))\" y2=\"\(n(y(t.value)))\"/>"
            s += "<text class=\"tick\" x=\"\(n(left - 8))\" y=\"\(n(y(t.value) + 4))\" text-anchor=\"end\">\(HTMLExport.escape(t.label))</text>\n"
        }
        s += "<line class=\"axis\" x1=\"\(n(left))\" y1=\"\(n(top + plotH))\" x2=\"\(n(left + plotW))\" y2=\"\(n(top + plotH))\"/>\n"
        // X labels: every point's date, skipping any that would overlap the one before; the
        // last one is kept inside the drawing.
        var lastLabelX = -1000.0
        for d in Array(Set(dates)).sorted() {
            let label = Words.shortDate(d)
            let half = Double(label.count) * layout.charWidth * 0.45
            let cx = min(x(d), width - half - 2)
            guard cx - lastLabelX >= layout.dateGap else { continue }
            s += "<text class=\"tick\" x=\"\(n(cx))\" y=\"\(n(top + plotH + 18))\" text-anchor=\"middle\">\(HTMLExport.escape(label))</text>"
            lastLabelX = cx
        }
        s += "\n<text class=\"axis-name\" x=\"\(n(left))\" y=\"\(n(height - 6))\">\(HTMLExport.escape(Words.capitalized(axisName)))</text>\n"
        // The way ahead: dashed from the latest reading to the target.
        if let t = target, let last = points.last {
            s += "<line class=\"ahead\" x1=\"\(n(x(last.date)))\" y1=\"\(n(y(last.value)))\" x2=\"\(n(x(t.date)))\" y2=\"\(n(y(t.value)))\"/>\n"
            s += "<circle class=\"target\" cx=\"\(n(x(t.date)))\" cy=\"\(n(y(t.value)))\" r=\"6\"/>"
            if layout.targetLabelAbove {
                s += "<text class=\"label target-label\" x=\"\(n(width - 4))\" y=\"16\" text-anchor=\"end\">\(HTMLExport.escape(targetText))</text>\n"
            } else {
                s += "<text class=\"label target-label\" x=\"\(n(x(t.date) + 10))\" y=\"\(n(y(t.value) + 4))\">\(HTMLExport.escape(targetText))</text>\n"
            }
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
    package func n(_ v: Double) -> String {
        let tenths = Int((v * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        let a = abs(tenths)
        return a % 10 == 0 ? "\(sign)\(a / 10)" : "\(sign)\(a / 10).\(a % 10)"
    }
}
