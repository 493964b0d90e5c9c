/**
 * One valuation input as a labelled slider with a number box beside it, both in the shown unit, starting at the
 * company's base value (printed under them). The slider reports every move; the number box reports a value inside the
 * slider's span as it is typed, and any other value when it is committed (Enter or leaving the box), for the API to
 * accept or refuse by name.
 */
import { useEffect, useState } from 'preact/hooks';
import { formatNumber } from '../display-format.ts';
import { shownValue, sliderRange, type ValuationControl, roundTo } from '../valuation-controls.ts';

export function ControlSlider({
  control,
  baseApiValue,
  value,
  onChange,
}: {
  control: ValuationControl;
  /** The base in the API's unit; undefined when the company has none (the control is then disabled). */
  baseApiValue: number | undefined;
  /** The current value in the shown unit. */
  value: number | undefined;
  onChange: (shown: number) => void;
}) {
  const id = `control-${control.input}`;
  const baseShown = baseApiValue === undefined ? undefined : shownValue(control, baseApiValue);
  const range = baseShown === undefined ? undefined : sliderRange(control, baseShown);
  const [text, setText] = useState(value === undefined ? '' : String(value));
  // Follow moves made elsewhere (the slider, reset) unless the box already says the same number.
  useEffect(() => {
    if (value !== undefined && (text.trim() === '' || Number(text) !== value)) setText(String(value));
  }, [value]);

  const report = (raw: string, committed: boolean) => {
    const parsed = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(parsed)) return;
    const rounded = roundTo(parsed, control.decimals);
    if (committed || (range !== undefined && rounded >= range.min && rounded <= range.max)) onChange(rounded);
  };

  const disabled = range === undefined;
  const unit = control.displayUnit;
  const withUnit = (shown: number) =>
    `${formatNumber(shown, control.decimals)}${unit.startsWith('%') ? '' : ' '}${unit}`;
  return (
    <div class="control" role="group" aria-labelledby={`${id}-label`} data-input={control.input}>
      <label id={`${id}-label`} for={`${id}-range`} class="control-label">
        {control.label} <span class="unit">({unit})</span>
      </label>
      <div class="control-inputs">
        <input
          type="range"
          id={`${id}-range`}
          min={range?.min}
          max={range?.max}
          step={range?.step}
          value={value}
          disabled={disabled}
          aria-describedby={`${id}-base`}
          aria-valuetext={value === undefined ? undefined : withUnit(value)}
          onInput={(event) => onChange(roundTo(event.currentTarget.valueAsNumber, control.decimals))}
        />
        <label class="visually-hidden" for={`${id}-number`}>
          {control.label} ({unit}), exact value
        </label>
        <input
          type="number"
          id={`${id}-number`}
          inputMode="decimal"
          step="any"
          value={text}
          disabled={disabled}
          aria-describedby={`${id}-base`}
          onInput={(event) => {
            setText(event.currentTarget.value);
            report(event.currentTarget.value, false);
          }}
          onChange={(event) => report(event.currentTarget.value, true)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') report(event.currentTarget.value, true);
          }}
        />
      </div>
      <p id={`${id}-base`} class="control-base">
        {baseShown === undefined || range === undefined
          ? 'No base value for this company: the input does not apply.'
          : `Base ${withUnit(baseShown)}; ` +
            `slider ${formatNumber(range.min, control.decimals)} to ${formatNumber(range.max, control.decimals)}.`}
      </p>
    </div>
  );
}
