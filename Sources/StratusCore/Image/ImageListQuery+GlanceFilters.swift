import Foundation

/// A core column Glance's `in:` operator lists values for; the raw value is both the
/// query parameter and the column.
public enum ImageListColumn: String, Sendable, Equatable, Hashable, CaseIterable {
    case id, name, status, containerFormat = "container_format", diskFormat = "disk_format"
}

extension ImageListQuery {
    /// The most values one `in:` may list: beyond it a request could build a query
    /// of any size. Glance has no limit; openstackclient sends one id per image in use.
    public static let maxInValues = 1000

    /// Glance's filter on `column` (`_make_conditions_from_filters`): `in:a,"b,c"` or
    /// `eq:a` or a bare `a`. Any other operator is a 400, as in Glance; a value Glance
    /// has no such image for (an unknown status, say) simply matches nothing.
    public mutating func filter(_ column: ImageListColumn, by text: String) throws {
        let expression = ImageFilterExpression(parsing: text)
        switch expression.op {
        case "in":
            let values = try ImageFilterValueList.split(expression.operand)
            guard values.count <= Self.maxInValues else {
                throw ImageError.badRequest("Too many values for the 'in' operator on \(column.rawValue): at most \(Self.maxInValues).")
            }
            oneOf[column] = values
        case "eq":
            oneOf[column] = [expression.operand]
        default:
            throw ImageError.badRequest("Unable to filter by unknown operator '\(expression.op)'.")
        }
    }

    /// Glance's comparison on `field`: `gt:`, `gte:`, `lt:`, `lte:`, `neq:`, `eq:` or a
    /// bare time. Like Glance, the time is read before the operator is judged.
    public mutating func filter(_ field: ImageTimeComparison.Field, by text: String) throws {
        let expression = ImageFilterExpression(parsing: text)
        guard let threshold = ImageFilterTimestamp.parse(expression.operand) else {
            throw ImageError.badRequest("Bad \"\(field.rawValue)\" query filter format. Use ISO 8601 DateTime notation.")
        }
        guard let op = ImageTimeComparison.Operator(rawValue: expression.op) else {
            throw ImageError.badRequest("Unable to filter on a unknown operator.")
        }
        timeComparisons.append(ImageTimeComparison(field, op, threshold))
    }
}
